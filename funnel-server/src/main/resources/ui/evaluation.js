// Evaluation: `funnel eval --report` JSON files opened in the browser (nothing is uploaded), their pipelines
// compared metric by metric at one cutoff.
import { h, section, table, showError, clearError } from './dom.js';
import { barChart } from './charts.js';

const RANKING = ['HR', 'NDCG', 'MRR', 'MAP', 'Precision', 'Recall'];
const LIST = ['coverage', 'diversity', 'categoryCoverage'];

export default async function evaluation(main) {
  const output = h('div', { id: 'eval-output' });
  const input = h('input', { id: 'eval-files', type: 'file', accept: '.json,application/json', multiple: true,
    onchange: async () => {
      try {
        const reports = await Promise.all([...input.files].map(read));
        clearError();
        output.replaceChildren(compare(reports));
      } catch (e) {
        showError(e);
      }
    } });
  main.append(section('Evaluation reports',
    h('p', { class: 'muted' }, 'Open one or more reports written by funnel eval --report FILE; they stay in this browser.'),
    input), output);
}

async function read(file) {
  let report;
  try {
    report = JSON.parse(await file.text());
  } catch (e) {
    throw new Error(`${file.name} is not JSON: ${e.message}`);
  }
  if (!Array.isArray(report?.cutoffs) || !report.pipeline) {
    throw new Error(`${file.name} is not a funnel eval report (it has no "pipeline" and "cutoffs")`);
  }
  return { ...report, file: file.name };
}

function compare(reports) {
  const ks = [...new Set(reports.flatMap((r) => r.cutoffs.map((c) => c.k)))].sort((a, b) => a - b);
  const body = h('div', {});
  const select = h('select', { id: 'eval-k', onchange: () => draw(Number(select.value)) },
    ks.map((k) => h('option', { value: k }, `K = ${k}`)));
  const draw = (k) => {
    const at = reports.map((r) => r.cutoffs.find((c) => c.k === k));
    const name = (r) => `${r.pipeline} (${r.protocol})`;
    const series = (metrics, get) => reports.map((r, i) => ({ label: name(r), values: metrics.map((m) => get(at[i], m)) }));
    body.replaceChildren(
      barChart(`ranking metrics at K = ${k}`, RANKING, series(RANKING, (c, m) => c?.metrics[m] ?? NaN)),
      barChart(`list metrics at K = ${k}`, LIST, series(LIST, (c, m) => c?.[m] ?? NaN)),
      table(['report', 'pipeline', 'dataset', 'protocol', 'users', 'fit s', ...RANKING.map((m) => `${m}@${k}`)],
        reports.map((r, i) => [r.file, r.pipeline, r.dataset, r.protocol, r.users, r.fitSeconds,
          ...RANKING.map((m) => at[i]?.metrics[m] ?? null)]), { id: 'eval-table' }));
  };
  draw(ks[0]);
  return section(`Comparing ${reports.length} report(s)`, h('p', {}, select), body);
}
