/**
 * A small static renderer for plotly figures, used as the `image/svg+xml` fallback of every figure
 * (the PDF and any viewer without JavaScript show this instead of the interactive plot).
 *
 * It draws what the report's line plots need: scatter traces (lines, markers or both) on linear or
 * log axes, with ticks, axis titles, a legend and a title. Other trace types are listed in a note;
 * a figure with no drawable trace becomes a placeholder box carrying the title. It is deliberately
 * not a plotly clone: subplots, annotations and shapes are ignored.
 */
import { escapeHtml } from './table';

export interface FigureSpec {
  data: object[];
  layout?: object;
}

type Loose = Record<string, unknown>;

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const DASHES: Record<string, string> = { dash: '6,4', dot: '2,3', dashdot: '6,3,2,3', longdash: '10,4' };

function textOf(title: unknown): string {
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as Loose).text === 'string') return (title as Loose).text as string;
  return '';
}

/** Plotly titles may carry <br>, <sub> and similar tags; a static label keeps only the text. */
function plainLabel(s: string): string {
  return s.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '');
}

function numbers(v: unknown): number[] | null {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? x : x === null ? NaN : Number(x)));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, Number);
  return null;
}

function fmt(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

export function powerOfTenLabel(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${String(exponent).split('').map((c) => SUPERSCRIPT[c]).join('')}`;
}

/** A step of 1, 2 or 5 times a power of ten giving about `target` intervals over `span`. */
export function niceStep(span: number, target = 5): number {
  const raw = span / target;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

function tickLabel(x: number, step: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(1).replace('e+', 'e');
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return x.toFixed(decimals).replace('-', '−');
}

export interface Axis {
  log: boolean;
  /** Domain in transformed units (log10 of data for log axes). */
  lo: number;
  hi: number;
  ticks: { at: number; label: string }[];
  title: string;
}

/** Builds an axis from the finite (and, on a log axis, positive) data values it has to show. */
export function makeAxis(values: number[], spec: Loose | undefined): Axis {
  const log = spec?.type === 'log';
  const title = plainLabel(textOf(spec?.title));
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0)).map((v) => (log ? Math.log10(v) : v));
  let lo: number;
  let hi: number;
  const range = numbers(spec?.range);
  if (range && range.length === 2 && range.every(Number.isFinite)) {
    // plotly gives log-axis ranges as exponents, which is the transformed unit here too.
    [lo, hi] = range[0] <= range[1] ? [range[0], range[1]] : [range[1], range[0]];
  } else if (usable.length === 0) {
    [lo, hi] = [0, 1];
  } else {
    lo = Math.min(...usable);
    hi = Math.max(...usable);
    const pad = hi > lo ? 0.03 * (hi - lo) : Math.abs(lo) > 0 ? 0.1 * Math.abs(lo) : 1;
    lo -= pad;
    hi += pad;
  }
  if (!(hi > lo)) hi = lo + 1;
  const ticks: { at: number; label: string }[] = [];
  if (log && hi - lo >= 1) {
    const every = Math.max(1, Math.ceil((hi - lo) / 8));
    for (let e = Math.ceil(lo); e <= hi; e++) if (e % every === 0) ticks.push({ at: e, label: powerOfTenLabel(e) });
  } else if (log) {
    // Less than a decade: ordinary ticks on the data values.
    const step = niceStep(Math.pow(10, hi) - Math.pow(10, lo));
    for (let v = Math.ceil(Math.pow(10, lo) / step) * step; v <= Math.pow(10, hi); v += step) {
      if (v > 0) ticks.push({ at: Math.log10(v), label: tickLabel(v, step) });
    }
  } else {
    const step = niceStep(hi - lo);
    const first = Math.ceil(lo / step - 1e-9);
    for (let k = first; k * step <= hi + 1e-9 * step; k++) {
      const v = Math.abs(k * step) < step * 1e-9 ? 0 : k * step;
      ticks.push({ at: v, label: tickLabel(v, step) });
    }
  }
  return { log, lo, hi, ticks, title };
}

interface ScatterTrace {
  x: number[];
  y: number[];
  name: string;
  showLegend: boolean;
  lines: boolean;
  markers: boolean;
  color: string;
  dash: string | undefined;
  width: number;
  markerSize: number;
}

function scatterTrace(t: Loose, index: number): ScatterTrace | null {
  const type = (t.type as string | undefined) ?? 'scatter';
  if (type !== 'scatter' && type !== 'scattergl') return null;
  const y = numbers(t.y);
  if (!y) return null;
  const x = numbers(t.x) ?? y.map((_, i) => i);
  const mode = typeof t.mode === 'string' ? t.mode : y.length <= 20 ? 'lines+markers' : 'lines';
  const line = (t.line ?? {}) as Loose;
  const marker = (t.marker ?? {}) as Loose;
  const color = (typeof line.color === 'string' && line.color) || (typeof marker.color === 'string' && marker.color) || PALETTE[index % PALETTE.length];
  return {
    x,
    y,
    name: plainLabel(typeof t.name === 'string' ? t.name : `trace ${index}`),
    showLegend: t.showlegend !== false && typeof t.name === 'string' && t.name !== '',
    lines: mode.includes('lines'),
    markers: mode.includes('markers'),
    color: escapeHtml(color),
    dash: typeof line.dash === 'string' ? DASHES[line.dash] : undefined,
    width: typeof line.width === 'number' ? line.width : 2,
    markerSize: typeof marker.size === 'number' ? marker.size : 6,
  };
}

function placeholder(width: number, height: number, title: string, note: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect x="1" y="1" width="${width - 2}" height="${height - 2}" fill="#fafafa" stroke="#999" stroke-dasharray="4,3"/>`,
    `<text x="${width / 2}" y="${height / 2 - 8}" text-anchor="middle" font-size="16">${escapeHtml(title || 'Figure')}</text>`,
    `<text x="${width / 2}" y="${height / 2 + 16}" text-anchor="middle" font-size="12" fill="#666">${escapeHtml(note)}</text>`,
    `</svg>`,
  ].join('\n');
}

export function renderStaticSvg(fig: FigureSpec): string {
  const layout = (fig.layout ?? {}) as Loose;
  const width = typeof layout.width === 'number' ? layout.width : 640;
  const height = typeof layout.height === 'number' ? layout.height : 400;
  const title = plainLabel(textOf(layout.title));
  const raw = (fig.data ?? []) as Loose[];
  const traces: ScatterTrace[] = [];
  const skipped = new Set<string>();
  raw.forEach((t, i) => {
    const s = scatterTrace(t, i);
    if (s) traces.push(s);
    else skipped.add(String(t.type ?? 'scatter'));
  });
  const skippedNote = skipped.size ? `${[...skipped].join(', ')} trace${skipped.size > 1 ? 's' : ''}: interactive view only` : '';
  if (traces.length === 0) return placeholder(width, height, title, skippedNote || 'empty figure');

  const legend = traces.filter((t) => t.showLegend);
  const legendWidth = legend.length ? Math.min(200, 40 + 7 * Math.max(...legend.map((t) => t.name.length))) : 0;
  const m = { left: 72, right: 16 + legendWidth, top: title ? 40 : 16, bottom: 52 };
  const pw = Math.max(40, width - m.left - m.right);
  const ph = Math.max(40, height - m.top - m.bottom);
  const xa = makeAxis(traces.flatMap((t) => t.x), layout.xaxis as Loose | undefined);
  const ya = makeAxis(traces.flatMap((t) => t.y), layout.yaxis as Loose | undefined);
  const tx = (v: number): number => (xa.log ? Math.log10(v) : v);
  const ty = (v: number): number => (ya.log ? Math.log10(v) : v);
  const px = (u: number): number => m.left + ((u - xa.lo) / (xa.hi - xa.lo)) * pw;
  const py = (u: number): number => m.top + ph - ((u - ya.lo) / (ya.hi - ya.lo)) * ph;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<defs><clipPath id="plot-area"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath></defs>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`);
  if (title) out.push(`<text x="${m.left + pw / 2}" y="${m.top - 14}" text-anchor="middle" font-size="15">${escapeHtml(title)}</text>`);
  // Grid and ticks.
  for (const t of xa.ticks) {
    const x = fmt(px(t.at));
    out.push(`<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${m.top + ph + 16}" text-anchor="middle">${escapeHtml(t.label)}</text>`);
  }
  for (const t of ya.ticks) {
    const y = fmt(py(t.at));
    out.push(`<line x1="${m.left}" y1="${y}" x2="${m.left + pw}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(t.label)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#444"/>`);
  if (xa.title) out.push(`<text x="${m.left + pw / 2}" y="${height - 12}" text-anchor="middle" font-size="13">${escapeHtml(xa.title)}</text>`);
  if (ya.title) {
    out.push(`<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="13">${escapeHtml(ya.title)}</text>`);
  }
  // Data.
  out.push(`<g clip-path="url(#plot-area)">`);
  traces.forEach((t, i) => {
    const pts: ([number, number] | null)[] = t.x.map((xv, k) => {
      const yv = t.y[k];
      const ok = Number.isFinite(xv) && Number.isFinite(yv) && (!xa.log || xv > 0) && (!ya.log || yv > 0);
      return ok ? [px(tx(xv)), py(ty(yv))] : null;
    });
    if (t.lines) {
      // A gap (NaN, or ≤ 0 on a log axis) breaks the line, as in plotly.
      let d = '';
      let pen = false;
      for (const p of pts) {
        if (!p) { pen = false; continue; }
        d += `${pen ? 'L' : 'M'}${fmt(p[0])},${fmt(p[1])}`;
        pen = true;
      }
      if (d) {
        const dash = t.dash ? ` stroke-dasharray="${t.dash}"` : '';
        out.push(`<path class="trace-${i}" d="${d}" fill="none" stroke="${t.color}" stroke-width="${t.width}"${dash}/>`);
      }
    }
    if (t.markers) {
      const r = fmt(t.markerSize / 2);
      const dots = pts.filter((p): p is [number, number] => p !== null).map((p) => `<circle cx="${fmt(p[0])}" cy="${fmt(p[1])}" r="${r}"/>`);
      out.push(`<g class="trace-${i}" fill="${t.color}">${dots.join('')}</g>`);
    }
  });
  out.push(`</g>`);
  // Legend.
  legend.forEach((t, k) => {
    const x = m.left + pw + 12;
    const y = m.top + 10 + 18 * k;
    const dash = t.dash ? ` stroke-dasharray="${t.dash}"` : '';
    if (t.lines) out.push(`<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${t.color}" stroke-width="${t.width}"${dash}/>`);
    if (t.markers) out.push(`<circle cx="${x + 11}" cy="${y}" r="3.5" fill="${t.color}"/>`);
    out.push(`<text x="${x + 28}" y="${y}" dominant-baseline="middle">${escapeHtml(t.name)}</text>`);
  });
  if (skippedNote) out.push(`<text x="${m.left + 4}" y="${m.top + ph - 6}" font-size="10" fill="#888">${escapeHtml(skippedNote)}</text>`);
  out.push(`</svg>`);
  return out.join('\n');
}
