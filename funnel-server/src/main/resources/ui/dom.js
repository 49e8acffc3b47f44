// A few DOM helpers, so that pages build their markup from data without string templates (no injection).

/** An element: h('td', {class: 'num'}, 'text', child, …); attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** A table with a header row; each row an array of cells (strings, numbers or nodes; numbers align right). */
export function table(headers, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, headers.map((title) => h('th', {}, title)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell) =>
      h('td', typeof cell === 'number' ? { class: 'num' } : {}, typeof cell === 'number' ? fmt(cell) : cell))))));
}

export const section = (title, ...children) => h('section', {}, h('h2', {}, title), ...children);

export function card(label, value, attrs = {}) {
  return h('div', { class: 'card', ...attrs }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value ?? '—'));
}

/** A number with about four significant digits. */
export function fmt(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (Number.isInteger(x)) return x.toLocaleString('en');
  return Math.abs(x) >= 100 ? x.toFixed(0) : Number(x.toPrecision(4)).toString();
}

export const time = (epochSeconds) => (epochSeconds ? new Date(epochSeconds * 1000).toISOString().replace('T', ' ').slice(0, 19) : '—');

export const link = (hash, text) => h('a', { href: '#' + hash }, text);

/** The user and item pages' search: one field (id {page}-id) that opens #{page}/{value}. */
export function searchForm(page, value) {
  const input = h('input', { id: `${page}-id`, placeholder: `${page} id`, value: value || '' });
  return h('form', { class: 'inline', onsubmit: (event) => {
    event.preventDefault();
    location.hash = `${page}/${encodeURIComponent(input.value.trim())}`;
  } }, input, h('button', {}, 'Show'));
}

/** Shows an error (an API refusal with the server's message, or a bad input) until the next page or action. */
export function showError(error) {
  const banner = document.getElementById('error');
  banner.textContent = error.message ?? String(error);
  banner.hidden = false;
}

export function clearError() {
  document.getElementById('error').hidden = true;
}
