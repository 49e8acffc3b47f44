// Overview: what the service is doing — traffic, latency per route and per stage, the cache, the served model and
// its builds — over the last hour (GET /v1/admin/stats), refreshed every 10 s while the page is open
// (every second while a build runs, to follow its progress).
import { api } from './api.js';
import { h, section, card, table, fmt, showError, clearError } from './dom.js';
import { lineChart } from './charts.js';

const REFRESH_MS = 10_000;
/** While a build runs, its progress is worth a look every second. */
const BUILDING_REFRESH_MS = 1_000;

export default async function overview(main) {
  const body = h('div', { class: 'overview' });
  main.append(body);
  let stopped = false;
  let timer;
  const next = (building) => {
    if (!stopped) timer = setTimeout(tick, building ? BUILDING_REFRESH_MS : REFRESH_MS);
  };
  const tick = () => draw(body).then((building) => { clearError(); next(building); },
    (e) => { showError(e); next(false); });
  next(await draw(body));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Draws the page; returns whether a build is running. */
async function draw(body) {
  const [health, snapshots, stats] = await Promise.all([
    api('/v1/health'), api('/v1/admin/snapshots'), api('/v1/admin/stats')]);
  body.replaceChildren(model(health, snapshots), traffic(stats), latency(stats, 'routes', 'route'),
    latency(stats, 'stages', 'stage'));
  return snapshots.lastBuild.state === 'building';
}

function model(health, snapshots) {
  const build = snapshots.lastBuild;
  const building = build.state === 'building'
    ? `building for ${Math.round((Date.now() - Date.parse(build.started)) / 1000)} s` : build.state;
  const trigger = h('button', { onclick: async () => {
    try {
      await api('/v1/admin/snapshots', { method: 'POST' });
      trigger.textContent = 'Build started';
    } catch (e) {
      showError(e);
    }
  } }, 'Build now');
  return section('Model',
    h('div', { class: 'cards' },
      card('served snapshot', snapshots.serving, { id: 'served' }),
      card('ranking stages', snapshots.ranking ? 'yes' : 'no'),
      card('model users / items', `${fmt(health.modelUsers)} / ${fmt(health.modelItems)}`),
      card('catalogue items', fmt(health.catalogueItems)),
      card('events logged', fmt(health.events)),
      card('last build', building)),
    h('p', {}, build.error ? h('span', { class: 'warning' }, 'last build failed: ' + build.error) : '',
      build.started ? `last build started ${build.started}` : 'no build since start',
      build.finished ? `, finished ${build.finished}` : '', build.model ? ` → ${build.model}` : '', ' ', trigger),
    build.progress ? buildProgress(build.progress) : '',
    h('details', {}, h('summary', {}, `snapshots on disk (${snapshots.snapshots.length}), newest last`),
      h('ul', {}, snapshots.snapshots.map((name) => h('li', {}, name)))));
}

/** A running build: which pipeline, which step with a bar for an index's rows, and the steps done so far. */
function buildProgress(p) {
  const rows = p.rows ? [h('progress', { max: p.rows, value: p.rowsDone }), ` ${fmt(p.rowsDone)} / ${fmt(p.rows)} rows`]
    : [];
  return h('div', { id: 'build-progress' },
    h('p', {}, p.pipelines ? `pipeline ${p.pipelineNumber} of ${p.pipelines} (${p.pipeline}): ` : '',
      h('strong', {}, p.step), ` for ${fmt(p.stepSeconds)} s `, ...rows),
    p.finished.length ? h('details', {}, h('summary', {}, `steps done (${p.finished.length})`),
      h('ol', {}, p.finished.map((step) => h('li', {}, step)))) : '');
}

function traffic(stats) {
  const empty = stats.times.length === 0
    ? h('p', { class: 'muted' }, `no points yet: the first appears ${stats.intervalSeconds} s after start`) : '';
  return section('Traffic, last hour', empty, h('div', { class: 'grid' },
    lineChart('requests and events per second', stats.times, [
      { label: 'requests/s', values: stats.requests }, { label: 'events/s', values: stats.events }]),
    lineChart('recommendation cache hit rate', stats.times, [{ label: 'hit rate', values: stats.cacheHitRate }])));
}

/** p50/p99 charts and a table of the latest interval, for the routes or the stages. */
function latency(stats, key, what) {
  // '*': what no route answered (the dashboard's own files, refusals before routing, unknown paths)
  const names = Object.keys(stats[key]).filter((name) => name !== '*');
  const last = (values) => values.findLast((v) => v !== null) ?? null;
  const rows = names.map((name) => {
    const s = stats[key][name];
    return [name, last(s.perSecond), last(s.p50Ms), last(s.p99Ms)];
  });
  const series = (metric) => names.map((name) => ({ label: name, values: stats[key][name][metric] }));
  return section(`Latency per ${what}`,
    h('div', { class: 'grid' },
      lineChart(`p50 per ${what}`, stats.times, series('p50Ms'), { unit: ' ms' }),
      lineChart(`p99 per ${what}`, stats.times, series('p99Ms'), { unit: ' ms' })),
    table([what, 'per second (latest)', 'p50 ms', 'p99 ms'], rows, { id: `latency-${key}` }));
}
