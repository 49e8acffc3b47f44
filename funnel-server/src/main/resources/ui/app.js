// The dashboard's shell: the API key form, the error banner and a hash router (#page/argument) over the pages.
import { apiKey } from './api.js';
import { showError, clearError } from './dom.js';
import overview from './overview.js';
import user from './user.js';
import item from './item.js';
import experiments from './experiments.js';
import evaluation from './evaluation.js';

const PAGES = { overview, user, item, experiments, evaluation };
const main = document.getElementById('page');
let leave = null; // what the current page stops when left (its refresh timer)

async function route() {
  const [name, ...rest] = location.hash.slice(1).split('/');
  const page = PAGES[name] ? name : 'overview';
  if (leave) leave();
  leave = null;
  clearError();
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.hash === '#' + page));
  main.replaceChildren();
  main.dataset.page = page;
  main.dataset.ready = 'false';
  try {
    leave = await PAGES[page](main, decodeURIComponent(rest.join('/')));
  } catch (e) {
    showError(e);
  }
  main.dataset.ready = 'true'; // the browser tests wait for this
  performance.mark('funnel:ready'); // and measure the first one: the page load as a person sees it
}

function showKeyState() {
  document.getElementById('key-state').textContent = apiKey.get() ? 'key set for this session' : 'no key';
}

document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('key');
  apiKey.set(input.value.trim());
  input.value = '';
  showKeyState();
  route();
});
window.addEventListener('hashchange', route);
showKeyState();
route();
