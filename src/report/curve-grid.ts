/**
 * Several configurations' training curves as ONE figure: a grid with a column per configuration and a
 * row per metric (accuracy, loss), sharing each row's y range so the panels compare at a glance, and one
 * legend. The accuracy range is chosen from the later epochs (where the configurations differ by tenths
 * of a point), not from the first epoch's low accuracy, which would squash those differences.
 */
import type { FigureSpec } from '../notebook/display';
import type { RunRecord } from '../results/run-record';
import { curveTraces, seriesValues } from './curves';

export interface CurvePanel {
  /** Column title: the configuration's name. */
  title: string;
  records: readonly RunRecord[];
}

export interface CurveGridOptions {
  metrics?: ('accuracy' | 'loss')[];
  /** First epoch whose values decide the y ranges (default: a third of the way in, at least 2). */
  fromEpoch?: number;
  /** Figure width in px (default 760; the report narrows it to the text column). */
  width?: number;
  /** Height of one row of panels in px (default 210). */
  rowHeight?: number;
}

const AXIS_TITLE = { accuracy: 'accuracy (%)', loss: 'cross-entropy (nats)' } as const;

/** [lo, hi] covering `values` with 8 % padding on each side; accuracy stays within [0, 100]. */
export function paddedRange(values: number[], metric: 'accuracy' | 'loss'): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) throw new Error(`curvesGrid (src/report/curve-grid.ts): no finite ${metric} values to choose a range from`);
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  const pad = Math.max(0.08 * (hi - lo), metric === 'accuracy' ? 0.2 : 0.005);
  lo -= pad;
  hi += pad;
  return metric === 'accuracy' ? [Math.max(0, lo), Math.min(100, hi)] : [Math.max(0, lo), hi];
}

/** A long column title on two lines, broken at the " + " nearest its middle (plotly annotations do not wrap). */
export function twoLineTitle(title: string, max = 26): string {
  if (title.length <= max) return title;
  const cuts = [...title.matchAll(/ \+ /g)].map((m) => m.index!);
  if (cuts.length === 0) return title;
  const cut = cuts.reduce((best, c) => (Math.abs(c - title.length / 2) < Math.abs(best - title.length / 2) ? c : best));
  return `${title.slice(0, cut)}<br>${title.slice(cut + 1)}`;
}

/** Evenly spaced domains with a gap between them, as plotly fractions of the figure. */
function domains(n: number, gap: number, reverse: boolean): [number, number][] {
  const size = (1 - gap * (n - 1)) / n;
  const d = Array.from({ length: n }, (_, i): [number, number] => [i * (size + gap), i * (size + gap) + size]);
  return reverse ? d.reverse() : d;
}

export function curvesGrid(panels: readonly CurvePanel[], opts: CurveGridOptions = {}): FigureSpec {
  if (panels.length === 0) throw new Error('curvesGrid (src/report/curve-grid.ts): expected at least one panel');
  const metrics = opts.metrics ?? ['accuracy', 'loss'];
  const epochs = Math.max(...panels.map((p) => p.records[0]?.epochs.length ?? 0));
  const fromEpoch = opts.fromEpoch ?? Math.max(2, Math.ceil(epochs / 3));
  const cols = domains(panels.length, 0.06, false);
  // A panel's width in px decides what fits over and under it: about 6.5 px per title character at
  // font size 12, and six epoch labels only from about 120 px (narrower, plotly turns them sideways).
  const width = opts.width ?? 760;
  const panelPx = (width - 76) * (cols[0]![1] - cols[0]![0]);
  const titleChars = Math.max(12, Math.floor(panelPx / 6.5));
  const tickIntervals = panelPx >= 120 ? 5 : 3;
  const rows = domains(metrics.length, 0.16, true);
  const data: object[] = [];
  const layout: Record<string, unknown> = {};
  const annotations: object[] = [];
  metrics.forEach((metric, r) => {
    const range = paddedRange(panels.flatMap((p) => seriesValues(p.records, metric, fromEpoch)), metric);
    panels.forEach((panel, c) => {
      const k = r * panels.length + c + 1;
      const suffix = k === 1 ? '' : String(k);
      data.push(...curveTraces(panel.records, metric, { x: `x${suffix}`, y: `y${suffix}` }, k === 1));
      layout[`xaxis${suffix}`] = {
        domain: cols[c], anchor: `y${suffix}`, dtick: Math.max(1, Math.round(epochs / tickIntervals)),
        ...(r === metrics.length - 1 ? { title: { text: 'epoch' } } : {}),
      };
      layout[`yaxis${suffix}`] = {
        domain: rows[r], anchor: `x${suffix}`, range,
        ...(c === 0 ? { title: { text: AXIS_TITLE[metric] } } : { showticklabels: true }),
      };
      if (r === 0) {
        annotations.push({ text: twoLineTitle(panel.title, titleChars), xref: 'paper', yref: 'paper', x: (cols[c]![0] + cols[c]![1]) / 2, y: 1, yanchor: 'bottom', showarrow: false, font: { size: 12 } });
      }
    });
  });
  const rowHeight = opts.rowHeight ?? 210;
  const margin = { l: 60, r: 16, t: panels.some((p) => twoLineTitle(p.title, titleChars).includes('<br>')) ? 46 : 28, b: 116 };
  const height = rowHeight * metrics.length + 60 + margin.t + margin.b;
  // The legend goes under the x-axis titles: 72 px below the plot area, whatever the figure's height.
  const paper = height - margin.t - margin.b;
  return {
    data,
    layout: {
      ...layout,
      annotations,
      showlegend: true,
      legend: { orientation: 'h', x: 0.5, xanchor: 'center', y: -72 / paper, yanchor: 'top' },
      margin,
      width,
      height,
    },
  };
}
