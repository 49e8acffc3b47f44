// Live features: an entity's values in the online feature store now (GET /v1/features/{entity}/{id}) — the
// statistics the ranker reads, moving with every accepted event; shared by the user and item pages.
import { api, enc, ApiError } from './api.js';
import { h, section, table } from './dom.js';

export async function liveFeatures(entity, id, title) {
  const features = await api(`/v1/features/${entity}/${enc(id)}`)
    .catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e)));
  if (!features) return section(title, h('p', { class: 'muted' }, `the feature store knows no ${entity} '${id}'`));
  const rows = Object.entries(features.features).map(([name, value]) => [name, value ?? 'missing']);
  return section(title, h('p', { class: 'muted' }, 'from the online feature store, as the ranker reads them now '
    + '(missing: no event in the view\'s TTL, or no attribute)'), table(['feature', 'value'], rows,
    { id: `${entity}-features` }));
}
