// User: why a user got a list — their catalogue and live features, the live history the list is computed from (newest first), and
// the list with each item's trail through the stages; a test event, posted with the key, changes both.
import { api, enc, ApiError } from './api.js';
import { h, section, searchForm, table, time, link, fmt, showError, clearError } from './dom.js';
import { liveFeatures } from './features.js';

const EVENT_TYPES = ['view', 'click', 'like', 'share', 'purchase'];

export default async function user(main, id) {
  main.append(section('User', searchForm('user', id)));
  if (!id) return;
  const body = h('div', { id: 'user-body', class: 'grid' });
  main.append(body);
  await draw(body, id);
}

async function draw(body, id) {
  const [features, live, history, list] = await Promise.all([
    api(`/v1/users/${enc(id)}`).catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))),
    liveFeatures('user', id, 'Live features'),
    api(`/v1/users/${enc(id)}/history`),
    api(`/v1/users/${enc(id)}/recommendations?n=10&explain=true`)]);
  body.replaceChildren(
    h('div', {}, featuresSection(features), live, testEvent(body, id, list), historySection(history)),
    recommendations(list));
}

function featuresSection(features) {
  if (!features) return section('Catalogue features', h('p', { class: 'muted' }, 'not in the catalogue'));
  const rows = [...Object.entries(features.categorical ?? {}), ...Object.entries(features.numeric ?? {})];
  return section('Catalogue features', rows.length ? table(['feature', 'value'], rows) : h('p', { class: 'muted' }, 'none'));
}

function historySection(history) {
  return section(`History (${history.history.length}, newest first)`,
    h('p', { class: 'muted' }, 'One row per item: repeated events add their weights (a rating replaces); '
      + 'its event types in the order they first occurred.'),
    table(['item', 'event types', 'weight', 'last event'],
      history.history.map((e) => [link('item/' + enc(e.item), e.item), e.types.join(', ') || '—', e.value,
        time(e.timestamp)]),
      { id: 'history' }));
}

function testEvent(body, id, list) {
  const item = h('input', { id: 'event-item', placeholder: 'item id', value: list.items[0]?.item ?? '' });
  const type = h('select', { id: 'event-type' }, EVENT_TYPES.map((t) => h('option', { value: t }, t)));
  const note = h('span', { id: 'event-note', class: 'note' });
  return section('Post a test event', h('form', { class: 'inline', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const accepted = await api('/v1/events', { method: 'POST',
        body: { user: id, item: item.value.trim(), type: type.value, requestId: list.requestId } });
      await draw(body, id);
      clearError();
      document.getElementById('event-note').textContent = `accepted (sequence ${accepted.sequence})`;
    } catch (e) {
      showError(e);
    }
  } }, item, type, h('button', { id: 'post-event' }, 'Post event'), note));
}

function recommendations(list) {
  const rows = list.items.map((it, i) => [i + 1, link('item/' + enc(it.item), it.item), it.score,
    h('span', {}, Object.entries(it.sources ?? {}).map(([channel, s]) => `${channel} #${s.rank} (${fmt(s.score)})`).join(', ')
      || 'fallback'),
    h('ol', { class: 'trail' }, (it.trail ?? []).map((step) => h('li', {}, step)))]);
  const filtered = list.filtered?.length
    ? table(['filtered item', 'why'], list.filtered.map((f) => [f.item, f.reason]), { id: 'filtered' })
    : h('p', { class: 'muted' }, 'no candidate was filtered');
  const arms = list.experiments.map((e) => `${e.id}: ${e.arm}`).join(', ');
  return section('Recommendations',
    h('p', { class: 'muted' }, `model ${list.model}; ${list.known ? 'known user' : 'unknown to the model: popular fallback and live history'}`,
      arms ? `; experiment arm ${arms}` : ''),
    table(['#', 'item', 'score', 'channels (rank, score)', 'trail'], rows, { id: 'recommendations' }),
    filtered);
}
