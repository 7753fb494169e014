/** Axes of the static SVG renderer: ranges, ticks (linear, log, categories), titles. */
export type Loose = Record<string, unknown>;

export function textOf(title: unknown): string {
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as Loose).text === 'string') return (title as Loose).text as string;
  return '';
}

/** Plotly titles may carry <br>, <sub> and similar tags; a static label keeps only the text. */
export function plainLabel(s: string): string {
  return s.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '');
}

export function numbers(v: unknown): number[] | null {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? x : x === null ? NaN : Number(x)));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, Number);
  return null;
}

export function fmt(x: number): string {
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
  /** Larger values to the left / lower down (plotly's autorange 'reversed', or a range given high to low). */
  reversed: boolean;
  /** Domain in transformed units (log10 of data for log axes). */
  lo: number;
  hi: number;
  ticks: { at: number; label: string }[];
  title: string;
}

/** Builds an axis from the finite (and, on a log axis, positive) data values it has to show. */
export function makeAxis(values: number[], spec: Loose | undefined, categories?: string[]): Axis {
  const log = spec?.type === 'log';
  let reversed = spec?.autorange === 'reversed';
  const title = plainLabel(textOf(spec?.title));
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0)).map((v) => (log ? Math.log10(v) : v));
  let lo: number;
  let hi: number;
  const range = numbers(spec?.range);
  if (range && range.length === 2 && range.every(Number.isFinite)) {
    // plotly gives log-axis ranges as exponents, which is the transformed unit here too.
    [lo, hi] = range[0] <= range[1] ? [range[0], range[1]] : [range[1], range[0]];
    reversed = range[0] > range[1];
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
  if (spec?.showticklabels === false) {
    // no ticks: image-like panels (digit mosaics)
  } else if (categories) {
    // Category axes sit at indices 0, 1, …; label every k-th so at most ~12 labels show.
    const every = Math.max(1, Math.ceil(categories.length / 12));
    categories.forEach((c, i) => i % every === 0 && i >= lo && i <= hi && ticks.push({ at: i, label: c }));
  } else if (log && hi - lo >= 1) {
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
  return { log, reversed, lo, hi, ticks, title };
}


/** A panel's plot area and its two axes: maps data values (category indices on category axes) to pixels. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  xa: Axis;
  ya: Axis;
}

export function pixelX(f: Frame, v: number): number {
  const u = f.xa.log ? Math.log10(v) : v;
  const t = (u - f.xa.lo) / (f.xa.hi - f.xa.lo);
  return f.left + f.width * (f.xa.reversed ? 1 - t : t);
}

export function pixelY(f: Frame, v: number): number {
  const u = f.ya.log ? Math.log10(v) : v;
  const t = (u - f.ya.lo) / (f.ya.hi - f.ya.lo);
  return f.top + f.height * (f.ya.reversed ? t : 1 - t);
}

/** Values of a coordinate array: numbers as they are, or (if any entry is not numeric) category indices. */
export function coordinates(v: unknown, n: number): { values: number[]; categories?: string[] } {
  if (Array.isArray(v) && v.some((x) => typeof x === 'string' && !Number.isFinite(Number(x)))) {
    return { values: v.map((_, i) => i), categories: v.map(String) };
  }
  return { values: numbers(v) ?? Array.from({ length: n }, (_, i) => i) };
}
