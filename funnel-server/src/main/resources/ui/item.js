// Item: the catalogue entry, its live statistics (events, recent events, click-through, dwell, age: the feature
// store's values), its neighbours in every item index the served model has, and hide/unhide (a PUT of
// the entry with "hidden" flipped; the rules filter hidden items out of every list).
import { api, enc, ApiError } from './api.js';
import { h, section, searchForm, table, time, link, showError } from './dom.js';
import { liveFeatures } from './features.js';

const ITEM_INDICES = ['itemcf', 'itemcf-weighted', 'swing', 'ease', 'contentcf'];

export default async function item(main, id) {
  main.append(section('Item', searchForm('item', id)));
  if (!id) return;
  const [entry, statistics, snapshots] = await Promise.all([
    api(`/v1/items/${enc(id)}`).catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))),
    liveFeatures('item', id, 'Statistics'),
    api('/v1/admin/snapshots')]);
  const kinds = (snapshots.pipeline?.channels ?? []).map((c) => c.kind).filter((k) => ITEM_INDICES.includes(k));
  const neighbours = await Promise.all(kinds.map((index) => api(`/v1/items/${enc(id)}/similar?index=${index}&n=10`)));
  main.append(catalogue(main, id, entry), statistics, section('Neighbours per index', h('div', { class: 'grid' },
    neighbours.map((n) => h('div', {}, h('h3', {}, n.index),
      n.known ? table(['item', 'score'], n.similar.map((s) => [link('item/' + enc(s.id), s.id), s.score]))
        : h('p', { class: 'muted' }, 'not in the model'))))));
}

function catalogue(main, id, entry) {
  if (!entry) return section('Catalogue entry', h('p', { class: 'muted' }, 'not in the catalogue'));
  const toggle = h('button', { id: 'toggle-hidden', onclick: async () => {
    const { id: _, ...fields } = entry;
    try {
      await api(`/v1/items/${enc(id)}`, { method: 'PUT', body: { ...fields, hidden: !entry.hidden } });
      main.replaceChildren();
      await item(main, id);
    } catch (e) {
      showError(e);
    }
  } }, entry.hidden ? 'Unhide' : 'Hide');
  return section('Catalogue entry', table(['field', 'value'], [
    ['categories', (entry.categories ?? []).join(', ')],
    ['tags', (entry.tags ?? []).join(', ')],
    ['numeric', Object.entries(entry.numeric ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')],
    ['published', time(entry.publishTime)],
    ['expires', time(entry.expiresAt)],
    ['hidden', h('span', { id: 'hidden-state' }, entry.hidden ? 'yes' : 'no')],
  ]), h('p', {}, toggle));
}
