/** Plotly colour scales for the static SVG renderer: named ones the report uses, or [[t, colour], …]. */
type Rgb = [number, number, number];

const NAMED: Record<string, [number, string][]> = {
  Greys: [[0, 'rgb(0,0,0)'], [1, 'rgb(255,255,255)']],
  RdBu: [[0, 'rgb(5,10,172)'], [0.35, 'rgb(106,137,247)'], [0.5, 'rgb(190,190,190)'], [0.6, 'rgb(220,170,132)'], [0.7, 'rgb(230,145,90)'], [1, 'rgb(178,10,28)']],
  Blues: [[0, 'rgb(5,10,172)'], [0.35, 'rgb(40,60,190)'], [0.5, 'rgb(70,100,245)'], [0.6, 'rgb(90,120,245)'], [0.7, 'rgb(106,137,247)'], [1, 'rgb(220,220,220)']],
  Viridis: [[0, '#440154'], [0.25, '#3b528b'], [0.5, '#21918c'], [0.75, '#5ec962'], [1, '#fde725']],
};

export function parseColor(c: string): Rgb {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? hex[1]!.split('').map((x) => x + x).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(c.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [128, 128, 128];
}

export interface ColorScale {
  /** Colour of a value in [0, 1] as "#rrggbb". */
  at(t: number): string;
}

/** plotly's default (when the trace names none) is a Viridis-like scale; `reverse` flips it (reversescale). */
export function colorScale(spec: unknown, reverse = false): ColorScale {
  let stops: [number, string][] = NAMED.Viridis!;
  if (typeof spec === 'string' && NAMED[spec]) stops = NAMED[spec]!;
  else if (Array.isArray(spec) && spec.length >= 2 && spec.every((s) => Array.isArray(s) && typeof s[0] === 'number' && typeof s[1] === 'string')) {
    stops = spec as [number, string][];
  }
  const parsed = stops.map(([t, c]) => [t, parseColor(c)] as [number, Rgb]);
  const hex = (v: number): string => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
  return {
    at(t0: number): string {
      const t = Math.min(1, Math.max(0, reverse ? 1 - t0 : t0));
      let k = 1;
      while (k < parsed.length - 1 && parsed[k]![0] < t) k++;
      const [ta, ca] = parsed[k - 1]!;
      const [tb, cb] = parsed[k]!;
      const f = tb > ta ? (t - ta) / (tb - ta) : 0;
      return `#${[0, 1, 2].map((i) => hex(ca[i]! + f * (cb[i]! - ca[i]!))).join('')}`;
    },
  };
}
