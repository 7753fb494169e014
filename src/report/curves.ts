/**
 * Figures 1–3: per-epoch curves of one configuration over its seeds, drawn as the mean line with
 * a min–max band (with three seeds the band shows every seed; a ±1 std band would hide one).
 */
import type { RunRecord } from '../results/run-record';
import type { FigureSpec } from '../notebook/display';
import type { EpochRecord } from '../train/records';
import { plural } from '../results/plural';

export interface SeedBand {
  epoch: number[];
  mean: number[];
  min: number[];
  max: number[];
}

/** Mean, min and max across seeds of one per-epoch quantity; all runs must have the same epochs. */
export function seedBand(records: readonly RunRecord[], pick: (e: EpochRecord) => number): SeedBand {
  if (records.length === 0) throw new Error('seedBand (src/report/curves.ts): expected at least one run record');
  const n = records[0].epochs.length;
  for (const r of records) {
    if (r.epochs.length !== n) {
      throw new Error(`seedBand (src/report/curves.ts): ${r.experiment} seed ${r.seed} has ${plural(r.epochs.length, 'epoch')}, expected ${n} like seed ${records[0].seed}`);
    }
  }
  const band: SeedBand = { epoch: [], mean: [], min: [], max: [] };
  for (let i = 0; i < n; i++) {
    const values = records.map((r) => pick(r.epochs[i]));
    band.epoch.push(records[0].epochs[i].epoch);
    band.mean.push(values.reduce((a, b) => a + b, 0) / values.length);
    band.min.push(Math.min(...values));
    band.max.push(Math.max(...values));
  }
  return band;
}

interface Series {
  name: string;
  color: string;
  /** rgba fill of the band. */
  fill: string;
  pick: (e: EpochRecord) => number;
}

/**
 * The seed's "blue" curve is the eval-mode accuracy on the clean training images; we keep its colour
 * and draw it last, because it lies almost on top of the validation curve.
 */
const SERIES = {
  accuracy: [
    { name: 'train, train mode', color: '#ff7f0e', fill: 'rgba(255,127,14,0.18)', pick: (e: EpochRecord) => 100 * e.trainAccuracy },
    { name: 'validation', color: '#2ca02c', fill: 'rgba(44,160,44,0.18)', pick: (e: EpochRecord) => 100 * e.validationAccuracy },
    { name: 'train, eval mode', color: '#1f77b4', fill: 'rgba(31,119,180,0.18)', pick: (e: EpochRecord) => 100 * e.evalTrainAccuracy },
  ],
  loss: [
    { name: 'train, train mode', color: '#ff7f0e', fill: 'rgba(255,127,14,0.18)', pick: (e: EpochRecord) => e.trainLoss },
    { name: 'validation', color: '#2ca02c', fill: 'rgba(44,160,44,0.18)', pick: (e: EpochRecord) => e.validationLoss },
    { name: 'train, eval mode', color: '#1f77b4', fill: 'rgba(31,119,180,0.18)', pick: (e: EpochRecord) => e.evalTrainLoss },
  ],
} satisfies Record<string, Series[]>;

/**
 * Accuracy (percent) or loss (mean cross-entropy, nats) per epoch. Each series is three plotly
 * traces: the band's lower edge, the upper edge filled down to it ('tonexty'), then the mean.
 * The static SVG fallback has no fills, so the band edges are thin lines there.
 */
/** Axis ids of one subplot ('x', 'y' for the first; 'x2', 'y2', … after). */
export interface SubplotAxes {
  x: string;
  y: string;
}

/**
 * The traces of one panel: per series the band's lower edge, the upper edge filled down to it ('tonexty'),
 * then the mean. `legend` false leaves the series out of the legend (a grid lists them once).
 */
export function curveTraces(records: readonly RunRecord[], metric: 'accuracy' | 'loss', axes: SubplotAxes = { x: 'x', y: 'y' }, legend = true): object[] {
  const data: object[] = [];
  const on = { xaxis: axes.x, yaxis: axes.y };
  for (const s of SERIES[metric]) {
    const band = seedBand(records, s.pick);
    const edge = { color: s.fill.replace(/[\d.]+\)$/, '0.5)'), width: 0.5 };
    if (records.length > 1) {
      data.push({ type: 'scatter', mode: 'lines', x: band.epoch, y: band.min, line: edge, showlegend: false, hoverinfo: 'skip', legendgroup: s.name, ...on });
      data.push({ type: 'scatter', mode: 'lines', x: band.epoch, y: band.max, line: edge, fill: 'tonexty', fillcolor: s.fill, showlegend: false, hoverinfo: 'skip', legendgroup: s.name, ...on });
    }
    data.push({ type: 'scatter', mode: 'lines+markers', x: band.epoch, y: band.mean, name: s.name, line: { color: s.color, width: 2 }, marker: { size: 4, color: s.color }, legendgroup: s.name, showlegend: legend, ...on });
  }
  return data;
}

/** The values a metric's series take over the given epochs (all seeds), to choose an axis range. */
export function seriesValues(records: readonly RunRecord[], metric: 'accuracy' | 'loss', fromEpoch: number): number[] {
  return SERIES[metric].flatMap((s) => records.flatMap((r) => r.epochs.filter((e) => e.epoch >= fromEpoch).map(s.pick)));
}

export function curvesFigure(records: readonly RunRecord[], metric: 'accuracy' | 'loss', title: string): FigureSpec {
  const data = curveTraces(records, metric);
  return {
    data,
    layout: {
      title: { text: `${title}: ${metric}` },
      xaxis: { title: { text: 'epoch' }, dtick: Math.max(1, Math.round(records[0].epochs.length / 10)) },
      yaxis: metric === 'accuracy' ? { title: { text: 'accuracy (%)' } } : { title: { text: 'cross-entropy loss (nats)' }, rangemode: 'tozero' },
      legend: { orientation: 'h', y: -0.28 },
      margin: { b: 110 },
      width: 760,
      height: 440,
    },
  };
}
