// Experiments: the list with start/stop (PATCH status), and one experiment's results — per-arm counts and metrics,
// the sample-ratio-mismatch check, and each treatment's lift over the control with its interval.
import { api, enc } from './api.js';
import { h, section, table, time, link, fmt, showError } from './dom.js';
import { intervalBars, lineChart } from './charts.js';

const NEXT = { draft: ['running', 'Start'], running: ['stopped', 'Stop'] };

export default async function experiments(main, id) {
  const { experiments: list } = await api('/v1/experiments');
  const rows = list.map((e) => [link('experiments/' + enc(e.id), e.id), e.status, e.ready ? 'yes' : 'building',
    e.arms.map((a) => `${a.name} (${fmt(a.weight)})`).join(', '), e.goal, time(e.start), action(main, id, e)]);
  main.append(section('Experiments', list.length
    ? table(['id', 'status', 'models', 'arms (weight)', 'goal', 'started', ''], rows, { id: 'experiment-list' })
    : h('p', { class: 'muted' }, 'none yet: POST /v1/experiments (docs/experiments.md)')));
  const shown = id || list[0]?.id;
  if (shown) main.append(await results(shown));
}

function action(main, id, experiment) {
  const next = NEXT[experiment.status];
  if (!next) return '';
  return h('button', { 'data-experiment': experiment.id, onclick: async () => {
    try {
      await api(`/v1/experiments/${enc(experiment.id)}`, { method: 'PATCH', body: { status: next[0] } });
      main.replaceChildren();
      await experiments(main, id);
    } catch (e) {
      showError(e);
    }
  } }, next[1]);
}

async function results(id) {
  const r = await api(`/v1/experiments/${enc(id)}/results`);
  const metricNames = [...new Set(r.arms.flatMap((a) => Object.keys(a.metrics)))];
  const arms = table(['arm', 'weight', 'users', 'requests', 'impressions', 'clicks', 'conversions', ...metricNames],
    r.arms.map((a) => [a.name, a.weight, a.users, a.requests, a.impressions, a.clicks, a.conversions,
      ...metricNames.map((m) => a.metrics[m] ?? null)]), { id: 'arms' });
  const srm = r.srm?.mismatch
    ? h('p', { class: 'warning', id: 'srm' }, `Sample ratio mismatch: users per arm do not match the weights `
      + `(χ² ${fmt(r.srm.chiSquare)}, p = ${r.srm.pValue.toExponential(2)}). The assignment is broken; do not trust the lifts.`)
    : h('p', { class: 'muted' }, r.srm ? `users per arm match the weights (SRM p = ${fmt(r.srm.pValue)})` : '');
  const lifts = r.comparisons.filter((c) => c.fixed).map((c) => ({
    label: `${c.arm} · ${c.metric}${c.goal ? ' (goal)' : ''}`, low: c.fixed.liftLow, estimate: c.fixed.lift,
    high: c.fixed.liftHigh, strong: c.goal }));
  return section(`Results: ${id} (${r.status}, computed ${time(r.computedAt)})`, srm, arms,
    h('h3', {}, 'Lift over the control, with its 95 % interval (fixed horizon)'),
    lifts.length ? intervalBars(lifts) : h('p', { class: 'muted' }, 'no comparison yet: too few users'),
    liftOverTime(r));
}

/**
 * The goal's cumulative lift since the start, per treatment arm, with the confidence sequence's bounds: the
 * interval that stays valid however often one looks (the fixed-horizon one where the metric has none).
 */
function liftOverTime(r) {
  const points = r.timeline ?? [];
  if (!points.some((p) => p.goal.some((c) => c.fixed))) {
    return h('p', { class: 'muted', id: 'lift-over-time' }, 'no lift over time yet: too few users');
  }
  const percent = (v) => (v === undefined || v === null || !Number.isFinite(v) ? null : 100 * v);
  const series = points[0].goal.flatMap((c, i) => {
    const at = (p) => p.goal[i].sequential ?? p.goal[i].fixed;
    return [
      { label: `${c.arm} lift`, values: points.map((p) => percent(at(p)?.lift)) },
      { label: `${c.arm} low`, values: points.map((p) => percent(at(p)?.liftLow)) },
      { label: `${c.arm} high`, values: points.map((p) => percent(at(p)?.liftHigh)) }];
  });
  // The first looks' intervals are wide; the scale follows the estimates and the latest interval, cutting the rest.
  const latest = series.flatMap((s) => s.values.slice(-1));
  const shown = [0, ...series.filter((s, i) => i % 3 === 0).flatMap((s) => s.values), ...latest]
    .filter((v) => v !== null);
  const pad = 0.1 * (Math.max(...shown) - Math.min(...shown) || 1);
  return h('div', { id: 'lift-over-time' }, h('h3', {}, `Cumulative lift of ${r.goal} over time`),
    lineChart(`${r.goal}: lift over the control since the start (%)`, points.map((p) => p.time), series,
      { unit: ' %', yRange: [Math.min(...shown) - pad, Math.max(...shown) + pad] }));
}
