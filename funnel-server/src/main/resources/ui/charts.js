// Charts: time series with uPlot (from its webjar), grouped bars and interval bars drawn directly.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h, fmt } from './dom.js';

const COLOURS = ['#2f6fdf', '#e8743b', '#19a979', '#945ecf', '#ed4a7b', '#13a4b4', '#bf8b00', '#6c8893'];
export const colour = (i) => COLOURS[i % COLOURS.length];

/**
 * A time-series chart: times in epoch seconds, series [{label, values}] aligned with them (null: a gap); the y axis
 * starts at 0, unless yRange [lo, hi] is given (what falls outside it is cut off).
 * Returns the element that holds it.
 */
export function lineChart(title, times, series, { unit = '', yRange = null } = {}) {
  const holder = h('div', { class: 'chart' });
  const width = Math.max(360, Math.min(720, (document.querySelector('main')?.clientWidth ?? 900) / 2 - 60));
  const options = {
    title, width, height: 220,
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: colour(i), width: 1.5, spanGaps: false,
      value: (u, v) => (v === null || v === undefined ? '—' : fmt(v) + unit) }))],
    axes: [{}, { values: (u, ticks) => ticks.map((v) => fmt(v) + unit), size: 60 }],
    scales: { y: { range: yRange ? () => yRange : (u, min, max) => [0, Math.max(max ?? 0, 1e-9) * 1.1] } },
  };
  new uPlot(options, [times, ...series.map((s) => s.values)], holder);
  return holder;
}

/** Grouped bars on a canvas: one group per label, one bar per series [{label, values}] in each. */
export function barChart(title, labels, series) {
  const canvas = h('canvas', { class: 'bars', width: 900, height: 260, 'aria-label': title });
  const ctx = canvas.getContext('2d');
  const top = 28, bottom = 36, left = 44, plotHeight = canvas.height - top - bottom;
  const max = 1.1 * Math.max(1e-9, ...series.flatMap((s) => s.values.filter(Number.isFinite))); // headroom
  ctx.font = '13px system-ui, sans-serif';
  ctx.fillStyle = '#1d2330';
  ctx.fillText(title, left, 16);
  ctx.strokeStyle = '#dde1e8';
  for (let t = 0; t <= 4; t++) {
    const y = top + plotHeight * (1 - t / 4);
    ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(canvas.width, y); ctx.stroke();
    ctx.fillStyle = '#6b7385';
    ctx.fillText(fmt(max * t / 4), 2, y + 4);
  }
  const group = (canvas.width - left) / labels.length;
  const bar = (group * 0.8) / series.length;
  labels.forEach((label, g) => {
    series.forEach((s, i) => {
      const value = s.values[g];
      if (!Number.isFinite(value)) return;
      const height = plotHeight * value / max;
      ctx.fillStyle = colour(i);
      ctx.fillRect(left + g * group + group * 0.1 + i * bar, top + plotHeight - height, bar - 2, height);
    });
    ctx.fillStyle = '#1d2330';
    ctx.fillText(label, left + g * group + group * 0.1, canvas.height - 18);
  });
  series.forEach((s, i) => {
    ctx.fillStyle = colour(i);
    ctx.fillRect(left + 260 + i * 170, 6, 10, 10);
    ctx.fillStyle = '#1d2330';
    ctx.fillText(s.label.slice(0, 22), left + 274 + i * 170, 16);
  });
  return canvas;
}

/**
 * Interval bars around zero (SVG): rows [{label, low, estimate, high, strong}], e.g. relative lifts with their
 * confidence intervals; strong rows (the goal) are drawn darker.
 */
export function intervalBars(rows, { percent = true } = {}) {
  const ns = 'http://www.w3.org/2000/svg';
  const width = 640, rowHeight = 26, labelWidth = 220;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${rowHeight * rows.length + 24}`);
  svg.setAttribute('width', width);
  const extent = Math.max(1e-9, ...rows.flatMap((r) => [Math.abs(r.low), Math.abs(r.high)]));
  const x = (v) => labelWidth + (width - labelWidth - 80) * (0.5 + v / (2 * extent));
  const add = (tag, attrs, text) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    svg.append(el);
  };
  const show = (v) => (percent ? fmt(100 * v) + ' %' : fmt(v));
  add('line', { x1: x(0), x2: x(0), y1: 0, y2: rowHeight * rows.length, stroke: '#6b7385', 'stroke-dasharray': '3 3' });
  rows.forEach((r, i) => {
    const y = i * rowHeight + rowHeight / 2;
    const fill = r.high < 0 ? '#c0392b' : r.low > 0 ? '#1e8e4e' : '#6b7385';
    add('text', { x: 0, y: y + 4, 'font-size': 12, 'font-weight': r.strong ? 700 : 400 }, r.label);
    add('rect', { x: x(r.low), y: y - 5, width: Math.max(1, x(r.high) - x(r.low)), height: 10, fill, opacity: r.strong ? 0.9 : 0.5 });
    add('circle', { cx: x(r.estimate), cy: y, r: 4, fill: '#1d2330' });
    add('text', { x: width - 76, y: y + 4, 'font-size': 11 }, `${show(r.estimate)}`);
  });
  add('text', { x: x(-extent), y: rowHeight * rows.length + 16, 'font-size': 11 }, show(-extent));
  add('text', { x: x(0) - 4, y: rowHeight * rows.length + 16, 'font-size': 11 }, '0');
  add('text', { x: x(extent) - 30, y: rowHeight * rows.length + 16, 'font-size': 11 }, show(extent));
  return svg;
}
