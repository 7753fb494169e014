/**
 * The study's result as one figure: a row per configuration, every seed's validation accuracy as a point
 * and the mean with its 95 % interval as a bar, on an axis fitted to the points. The rows differ by 0.2–2
 * points, which a 70–100 % axis would flatten; fitting the axis to the data keeps them apart.
 */
import type { FigureSpec } from '../notebook/display';
import { meanInterval } from '../stats/across-seeds';

export interface StudyFigureRow {
  title: string;
  /** Validation accuracy in percent, one value per seed. */
  values: readonly number[];
}

/** Rows top to bottom in the given order; x: accuracy (%). */
export function studyFigure(rows: readonly StudyFigureRow[]): FigureSpec {
  if (rows.length === 0) throw new Error('studyFigure: no rows');
  for (const r of rows) {
    if (r.values.length < 2) throw new Error(`studyFigure: row "${r.title}" needs at least 2 seeds for an interval, found ${r.values.length}`);
  }
  const intervals = rows.map((r) => meanInterval(r.values));
  const titles = rows.map((r) => r.title);
  const all = rows.flatMap((r, i) => [...r.values, intervals[i]!.low, intervals[i]!.high]);
  const lo = Math.min(...all), hi = Math.max(...all);
  const pad = Math.max(0.05, 0.08 * (hi - lo));
  const span = hi - lo + 2 * pad;
  // Ticks every 0.2 or 0.5 points where the rows are that close; plotly's own spacing otherwise (a
  // fixed 0.5 over a wide range, e.g. two seeds' wide intervals, prints hundreds of labels).
  const dtick = span <= 3 ? 0.2 : span <= 8 ? 0.5 : undefined;
  const seeds = {
    type: 'scatter', mode: 'markers', name: 'one seed',
    x: rows.flatMap((r) => [...r.values]),
    y: rows.flatMap((r) => r.values.map(() => r.title)),
    marker: { size: 7, color: 'rgba(31,119,180,0.55)', symbol: 'circle-open', line: { width: 1.5 } },
    hovertemplate: '%{y}: %{x:.2f} %<extra></extra>',
  };
  const means = {
    type: 'scatter', mode: 'markers', name: 'mean, 95 % interval',
    x: intervals.map((iv) => iv.mean),
    y: titles,
    marker: { size: 11, color: '#d62728', symbol: 'line-ns-open', line: { width: 3 } },
    error_x: { type: 'data', symmetric: false, array: intervals.map((iv) => iv.high - iv.mean), arrayminus: intervals.map((iv) => iv.mean - iv.low), color: '#d62728', thickness: 2, width: 6 },
    hovertemplate: '%{y}: mean %{x:.2f} %<extra></extra>',
  };
  return {
    data: [seeds, means],
    layout: {
      xaxis: { title: { text: 'validation accuracy (%)' }, range: [lo - pad, hi + pad], zeroline: false, ...(dtick === undefined ? {} : { dtick }) },
      yaxis: { type: 'category', categoryorder: 'array', categoryarray: [...titles].reverse(), automargin: true },
      showlegend: true,
      legend: { orientation: 'h', x: 0.5, xanchor: 'center', y: -0.32, yanchor: 'top' },
      margin: { l: 170, r: 20, t: 10, b: 80 },
      width: 720,
      height: 90 + 42 * rows.length,
    },
  };
}
