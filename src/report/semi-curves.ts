/**
 * The final teacher's per-epoch view of its pseudo-labels: mask rate (share of the unlabeled images
 * whose confidence passed the threshold), and how many pseudo-labels agree with the hidden true
 * labels (all of them, and the accepted ones), as mean lines with a min–max band over seeds. The
 * warm-up epochs, where the unlabeled term has weight 0, are shaded: the network already labels the
 * unlabeled images there, but nothing is trained on those labels yet.
 */
import type { FigureSpec } from '../notebook/display';
import type { RunRecordWithSemiLog } from '../results/run-record';
import type { SemiEpoch } from '../train/epoch-tally';

export interface SemiBand {
  epoch: number[];
  /** Mean, min and max over the seeds that have a value (null where none has, e.g. no accepted pseudo-label). */
  mean: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
}

/** Mean, min and max across seeds of one per-epoch unlabeled-log quantity, in percent; all runs must have the same epochs. */
export function semiBand(records: readonly RunRecordWithSemiLog[], pick: (s: SemiEpoch) => number | null): SemiBand {
  if (records.length === 0) throw new Error('semiBand (src/report/semi-curves.ts): expected at least one run record');
  const n = records[0].semi.length;
  for (const r of records) {
    if (r.semi.length !== n) throw new Error(`semiBand (src/report/semi-curves.ts): ${r.experiment} seed ${r.seed} has ${r.semi.length} logged epochs, expected ${n} like seed ${records[0].seed}`);
  }
  const band: SemiBand = { epoch: [], mean: [], min: [], max: [] };
  for (let i = 0; i < n; i++) {
    const values = records.map((r) => pick(r.semi[i])).filter((v): v is number => v !== null).map((v) => 100 * v);
    band.epoch.push(records[0].semi[i].epoch);
    band.mean.push(values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
    band.min.push(values.length ? Math.min(...values) : null);
    band.max.push(values.length ? Math.max(...values) : null);
  }
  return band;
}

/** The leading epochs in which every seed logged α = 0 at the epoch's last step (the warm start on the labels). */
export function warmUpEpochs(records: readonly RunRecordWithSemiLog[]): number {
  if (records.length === 0) throw new Error('warmUpEpochs (src/report/semi-curves.ts): expected at least one run record');
  let k = 0;
  while (k < records[0].semi.length && records.every((r) => r.semi[k]?.alpha === 0)) k++;
  return k;
}

const SERIES: { name: string; color: string; fill: string; pick: (s: SemiEpoch) => number | null }[] = [
  { name: 'mask rate (confidence ≥ τ)', color: '#7f7f7f', fill: 'rgba(127,127,127,0.2)', pick: (s) => s.acceptedFraction },
  { name: 'pseudo-label accuracy, all', color: '#1f77b4', fill: 'rgba(31,119,180,0.2)', pick: (s) => s.pseudoLabelAccuracy },
  { name: 'pseudo-label accuracy, accepted', color: '#2ca02c', fill: 'rgba(44,160,44,0.2)', pick: (s) => s.acceptedAccuracy },
];

/** Mask rate and pseudo-label accuracy per epoch, percent, with the warm-up epochs shaded and labelled. */
export function maskRateFigure(records: readonly RunRecordWithSemiLog[], opts: { width?: number; height?: number } = {}): FigureSpec {
  const data: object[] = [];
  for (const s of SERIES) {
    const band = semiBand(records, s.pick);
    const edge = { color: s.fill.replace(/[\d.]+\)$/, '0.5)'), width: 0.5 };
    if (records.length > 1) {
      data.push({ type: 'scatter', mode: 'lines', x: band.epoch, y: band.min, line: edge, showlegend: false, hoverinfo: 'skip', legendgroup: s.name, connectgaps: false });
      data.push({ type: 'scatter', mode: 'lines', x: band.epoch, y: band.max, line: edge, fill: 'tonexty', fillcolor: s.fill, showlegend: false, hoverinfo: 'skip', legendgroup: s.name, connectgaps: false });
    }
    data.push({ type: 'scatter', mode: 'lines+markers', x: band.epoch, y: band.mean, name: s.name, line: { color: s.color, width: 2 }, marker: { size: 4, color: s.color }, legendgroup: s.name });
  }
  const warm = warmUpEpochs(records);
  const epochs = records[0].semi.length;
  const shapes = warm > 0 ? [{ type: 'rect', xref: 'x', yref: 'paper', x0: 0.5, x1: warm + 0.5, y0: 0, y1: 1, fillcolor: 'rgba(0,0,0,0.07)', line: { width: 0 }, layer: 'below' }] : [];
  const annotations = warm > 0 ? [{ xref: 'x', yref: 'paper', x: (warm + 1) / 2, y: 0.04, text: `warm-up: α = 0 (epochs 1–${warm})`, showarrow: false, font: { size: 11 } }] : [];
  return {
    data,
    layout: {
      xaxis: { title: { text: 'epoch' }, range: [0.5, epochs + 0.5], dtick: Math.max(1, Math.round(epochs / 10)) },
      yaxis: { title: { text: '% of unlabeled images seen' } },
      shapes,
      annotations,
      // Above the plot: below it the legend would collide with the x-axis title.
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
      margin: { t: 60, b: 50 },
      width: opts.width ?? 640,
      height: opts.height ?? 340,
    },
  };
}
