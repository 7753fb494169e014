/**
 * Trace types of the static SVG renderer. Each becomes a Prepared trace: the data extents its axes must
 * show, a draw function for a panel's frame, and an optional legend entry.
 */
import { escapeHtml } from './table';
import { coordinates, fmt, numbers, pixelX, pixelY, plainLabel, type Frame, type Loose } from './svg-axis';
import { contourTrace, heatmapTrace } from './svg-field';
import { fillPath } from './svg-fill';
import type { ColorScale } from './svg-color';

export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const DASHES: Record<string, string> = { dash: '6,4', dot: '2,3', dashdot: '6,3,2,3', longdash: '10,4' };

export interface LegendEntry {
  name: string;
  color: string;
  lines: boolean;
  markers: boolean;
  bar: boolean;
  dash: string | undefined;
  width: number;
}

export interface DrawContext {
  /** This trace's place among the bar traces of its panel, for grouped bars. */
  barSlot: number;
  barCount: number;
}

export interface Prepared {
  kind: string;
  /** plotly axis ids, 'x'/'y', 'x2'/'y2', … */
  xaxis: string;
  yaxis: string;
  x: number[];
  y: number[];
  xCategories?: string[];
  yCategories?: string[];
  draw(f: Frame, cls: string, ctx: DrawContext): string;
  legend?: LegendEntry;
  /** A scatter trace's points in pixels (null where it has a gap), for the trace that fills to it. */
  pixels?(f: Frame): ([number, number] | null)[];
  /** A heatmap's colour scale and value range, when it shows a colour bar (plotly's default). */
  colorbar?: ColorBar;
}

export interface ColorBar {
  scale: ColorScale;
  zmin: number;
  zmax: number;
  title: string;
}

export function traceColor(t: Loose, index: number): string {
  const line = (t.line ?? {}) as Loose;
  const marker = (t.marker ?? {}) as Loose;
  const c = (typeof line.color === 'string' && line.color) || (typeof marker.color === 'string' && marker.color) || PALETTE[index % PALETTE.length]!;
  return escapeHtml(c);
}

function legendName(t: Loose, index: number): { name: string; show: boolean } {
  return { name: plainLabel(typeof t.name === 'string' ? t.name : `trace ${index}`), show: t.showlegend !== false && typeof t.name === 'string' && t.name !== '' };
}

/** The pixel points of a scatter trace; a NaN, or a value ≤ 0 on a log axis, is a gap (null). */
function scatterPixels(xs: number[], y: number[], f: Frame): ([number, number] | null)[] {
  return xs.map((xv, k): [number, number] | null => {
    const yv = y[k]!;
    const ok = Number.isFinite(xv) && Number.isFinite(yv) && (!f.xa.log || xv > 0) && (!f.ya.log || yv > 0);
    return ok ? [pixelX(f, xv), pixelY(f, yv)] : null;
  });
}

function linePath(pts: ([number, number] | null)[]): string {
  // A gap breaks the line, as in plotly.
  let d = '';
  let pen = false;
  for (const p of pts) {
    if (!p) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${fmt(p[0])},${fmt(p[1])}`;
    pen = true;
  }
  return d;
}

/**
 * `previous`: the scatter trace drawn before this one on the same axes, which `fill: 'tonexty'` fills to
 * (the seed bands of the training curves: the band's upper edge fills down to its lower edge).
 */
function scatterTrace(t: Loose, index: number, axes: { xaxis: string; yaxis: string }, previous?: Prepared): Prepared | null {
  const y = numbers(t.y);
  if (!y) return null;
  const xs = coordinates(t.x, y.length);
  const mode = typeof t.mode === 'string' ? t.mode : y.length <= 20 ? 'lines+markers' : 'lines';
  const line = (t.line ?? {}) as Loose;
  const marker = (t.marker ?? {}) as Loose;
  const color = traceColor(t, index);
  const lines = mode.includes('lines') && line.width !== 0;
  const markers = mode.includes('markers');
  const dash = typeof line.dash === 'string' ? DASHES[line.dash] : undefined;
  const width = typeof line.width === 'number' ? line.width : 2;
  const size = typeof marker.size === 'number' ? marker.size : 6;
  const fill = typeof t.fill === 'string' && t.fill !== 'none' ? t.fill : undefined;
  const fillColor = escapeHtml(typeof t.fillcolor === 'string' ? t.fillcolor : color);
  const { name, show } = legendName(t, index);
  const pixels = (f: Frame): ([number, number] | null)[] => scatterPixels(xs.values, y, f);
  const draw = (f: Frame, cls: string): string => {
    const pts = pixels(f);
    const out: string[] = [];
    // plotly's default fill colour is the line's at half opacity; a given fillcolor carries its own alpha.
    const area = fill ? fillPath(fill, pts, previous?.pixels?.(f), f) : '';
    if (area) out.push(`<path class="${cls} fill" d="${area}" fill="${fillColor}"${typeof t.fillcolor === 'string' ? '' : ' fill-opacity="0.5"'} stroke="none"/>`);
    const d = lines ? linePath(pts) : '';
    if (d) out.push(`<path class="${cls}" d="${d}" fill="none" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    if (markers) {
      const dots = pts.filter((p): p is [number, number] => p !== null).map((p) => `<circle cx="${fmt(p[0])}" cy="${fmt(p[1])}" r="${fmt(size / 2)}"/>`);
      out.push(`<g class="${cls}" fill="${color}">${dots.join('')}</g>`);
    }
    return out.join('\n');
  };
  return {
    kind: 'scatter', ...axes, x: xs.values, y, xCategories: xs.categories, draw, pixels,
    legend: show ? { name, color, lines, markers, bar: false, dash, width } : undefined,
  };
}

/** Vertical bars from 0 (plotly's default orientation); several bar traces on one panel sit side by side. */
function barTrace(t: Loose, index: number, axes: { xaxis: string; yaxis: string }): Prepared | null {
  const y = numbers(t.y);
  if (!y) return null;
  const xs = coordinates(t.x, y.length);
  const color = traceColor(t, index);
  const { name, show } = legendName(t, index);
  const sorted = [...new Set(xs.values)].sort((a, b) => a - b);
  const spacing = sorted.slice(1).reduce((m, v, i) => Math.min(m, v - sorted[i]!), Infinity);
  const step = Number.isFinite(spacing) && spacing > 0 ? spacing : 1;
  const draw = (f: Frame, cls: string, ctx: DrawContext): string => {
    const group = 0.8 * step;
    const w = group / Math.max(1, ctx.barCount);
    const base = pixelY(f, Math.max(f.ya.lo, 0));
    const rects = xs.values.map((xv, k) => {
      const yv = y[k]!;
      if (!Number.isFinite(xv) || !Number.isFinite(yv)) return '';
      const x0 = pixelX(f, xv - group / 2 + ctx.barSlot * w);
      const x1 = pixelX(f, xv - group / 2 + (ctx.barSlot + 1) * w);
      const top = pixelY(f, yv);
      return `<rect x="${fmt(Math.min(x0, x1))}" y="${fmt(Math.min(top, base))}" width="${fmt(Math.abs(x1 - x0))}" height="${fmt(Math.abs(base - top))}"/>`;
    });
    return `<g class="${cls}" fill="${color}">${rects.join('')}</g>`;
  };
  const half = 0.5 * step;
  return {
    kind: 'bar', ...axes, x: [Math.min(...xs.values) - half, Math.max(...xs.values) + half], y: [0, ...y], xCategories: xs.categories, draw,
    legend: show ? { name, color, lines: false, markers: false, bar: true, dash: undefined, width: 0 } : undefined,
  };
}

/**
 * The drawable form of a plotly trace, or null for a type the renderer does not know; `before` are the
 * traces prepared so far, in data order (a fill to the next trace needs the one before it).
 */
export function prepareTrace(t: Loose, index: number, before: readonly Prepared[] = []): Prepared | null {
  const type = (t.type as string | undefined) ?? 'scatter';
  const axes = { xaxis: typeof t.xaxis === 'string' ? t.xaxis : 'x', yaxis: typeof t.yaxis === 'string' ? t.yaxis : 'y' };
  if (type === 'scatter' || type === 'scattergl') {
    const previous = before.filter((p) => p.kind === 'scatter' && p.xaxis === axes.xaxis && p.yaxis === axes.yaxis).at(-1);
    return scatterTrace(t, index, axes, previous);
  }
  if (type === 'bar') return barTrace(t, index, axes);
  if (type === 'heatmap') return heatmapTrace(t, axes);
  if (type === 'contour') return contourTrace(t, index, axes);
  return null;
}
