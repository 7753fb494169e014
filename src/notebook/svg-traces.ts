/**
 * Trace types of the static SVG renderer. Each becomes a Prepared trace: the data extents its axes must
 * show, a draw function for a panel's frame, and an optional legend entry.
 */
import { escapeHtml } from './table';
import { coordinates, fmt, numbers, pixelX, pixelY, plainLabel, type Frame, type Loose } from './svg-axis';
import { contourTrace, heatmapTrace } from './svg-field';

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

function scatterTrace(t: Loose, index: number, axes: { xaxis: string; yaxis: string }): Prepared | null {
  const y = numbers(t.y);
  if (!y) return null;
  const xs = coordinates(t.x, y.length);
  const mode = typeof t.mode === 'string' ? t.mode : y.length <= 20 ? 'lines+markers' : 'lines';
  const line = (t.line ?? {}) as Loose;
  const marker = (t.marker ?? {}) as Loose;
  const color = traceColor(t, index);
  const lines = mode.includes('lines');
  const markers = mode.includes('markers');
  const dash = typeof line.dash === 'string' ? DASHES[line.dash] : undefined;
  const width = typeof line.width === 'number' ? line.width : 2;
  const size = typeof marker.size === 'number' ? marker.size : 6;
  const { name, show } = legendName(t, index);
  const draw = (f: Frame, cls: string): string => {
    const pts = xs.values.map((xv, k): [number, number] | null => {
      const yv = y[k]!;
      const ok = Number.isFinite(xv) && Number.isFinite(yv) && (!f.xa.log || xv > 0) && (!f.ya.log || yv > 0);
      return ok ? [pixelX(f, xv), pixelY(f, yv)] : null;
    });
    const out: string[] = [];
    if (lines) {
      // A gap (NaN, or ≤ 0 on a log axis) breaks the line, as in plotly.
      let d = '';
      let pen = false;
      for (const p of pts) {
        if (!p) { pen = false; continue; }
        d += `${pen ? 'L' : 'M'}${fmt(p[0])},${fmt(p[1])}`;
        pen = true;
      }
      if (d) out.push(`<path class="${cls}" d="${d}" fill="none" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    }
    if (markers) {
      const dots = pts.filter((p): p is [number, number] => p !== null).map((p) => `<circle cx="${fmt(p[0])}" cy="${fmt(p[1])}" r="${fmt(size / 2)}"/>`);
      out.push(`<g class="${cls}" fill="${color}">${dots.join('')}</g>`);
    }
    return out.join('\n');
  };
  return {
    kind: 'scatter', ...axes, x: xs.values, y, xCategories: xs.categories, draw,
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

/** The drawable form of a plotly trace, or null for a type the renderer does not know. */
export function prepareTrace(t: Loose, index: number): Prepared | null {
  const type = (t.type as string | undefined) ?? 'scatter';
  const axes = { xaxis: typeof t.xaxis === 'string' ? t.xaxis : 'x', yaxis: typeof t.yaxis === 'string' ? t.yaxis : 'y' };
  if (type === 'scatter' || type === 'scattergl') return scatterTrace(t, index, axes);
  if (type === 'bar') return barTrace(t, index, axes);
  if (type === 'heatmap') return heatmapTrace(t, axes);
  if (type === 'contour') return contourTrace(t, index, axes);
  return null;
}
