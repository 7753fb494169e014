/**
 * Grid traces of the static SVG renderer: heatmaps (one rectangle per run of equal colour in a row) and
 * contours (marching squares, drawn as grey lines: the fallback shows the shape of the landscape, the
 * interactive view its colours).
 */
import { colorScale } from './svg-color';
import { coordinates, fmt, pixelX, pixelY, plainLabel, textOf, type Frame, type Loose } from './svg-axis';
import type { Prepared } from './svg-traces';

interface Grid {
  z: number[][];
  rows: number;
  cols: number;
  x: { values: number[]; categories?: string[] };
  y: { values: number[]; categories?: string[] };
  zmin: number;
  zmax: number;
}

function grid(t: Loose): Grid | null {
  if (!Array.isArray(t.z) || t.z.length === 0 || !t.z.every(Array.isArray)) return null;
  const z = (t.z as unknown[][]).map((row) => row.map((v) => (typeof v === 'number' ? v : NaN)));
  const rows = z.length;
  const cols = Math.max(...z.map((r) => r.length));
  const finite = z.flat().filter(Number.isFinite);
  if (finite.length === 0) return null;
  let zmin = typeof t.zmin === 'number' ? t.zmin : Math.min(...finite);
  let zmax = typeof t.zmax === 'number' ? t.zmax : Math.max(...finite);
  if (typeof t.zmid === 'number') {
    const r = Math.max(Math.abs(zmax - t.zmid), Math.abs(zmin - t.zmid));
    [zmin, zmax] = [t.zmid - r, t.zmid + r];
  }
  if (!(zmax > zmin)) zmax = zmin + 1;
  return { z, rows, cols, x: coordinates(t.x, cols), y: coordinates(t.y, rows), zmin, zmax };
}

/** Half the spacing of evenly spaced cell centres (1 for a single cell). */
function halfStep(values: number[]): number {
  return values.length > 1 ? Math.abs(values[values.length - 1]! - values[0]!) / (values.length - 1) / 2 : 0.5;
}

function extent(values: number[]): number[] {
  const h = halfStep(values);
  return [Math.min(...values) - h, Math.max(...values) + h];
}

export function heatmapTrace(t: Loose, axes: { xaxis: string; yaxis: string }): Prepared | null {
  const g = grid(t);
  if (!g) return null;
  const scale = colorScale(t.colorscale, t.reversescale === true);
  const draw = (f: Frame, cls: string): string => {
    const hx = halfStep(g.x.values);
    const hy = halfStep(g.y.values);
    const rects: string[] = [];
    for (let r = 0; r < g.rows; r++) {
      const yv = g.y.values[r]!;
      const ya = pixelY(f, yv - hy);
      const yb = pixelY(f, yv + hy);
      let c = 0;
      while (c < g.cols) {
        const v = g.z[r]![c]!;
        if (!Number.isFinite(v)) { c++; continue; }
        const color = scale.at((v - g.zmin) / (g.zmax - g.zmin));
        let end = c + 1;
        while (end < g.cols && Number.isFinite(g.z[r]![end]!) && scale.at((g.z[r]![end]! - g.zmin) / (g.zmax - g.zmin)) === color) end++;
        const xa = pixelX(f, g.x.values[c]! - hx);
        const xb = pixelX(f, g.x.values[end - 1]! + hx);
        // White cells on the white plot area need no mark; a small overlap hides hairline seams.
        if (color !== '#ffffff') {
          rects.push(`<rect x="${fmt(Math.min(xa, xb))}" y="${fmt(Math.min(ya, yb))}" width="${fmt(Math.abs(xb - xa) + 0.3)}" height="${fmt(Math.abs(yb - ya) + 0.3)}" fill="${color}"/>`);
        }
        c = end;
      }
    }
    return `<g class="${cls} heatmap">${rects.join('')}</g>`;
  };
  // plotly shows a heatmap's colour bar unless showscale is false.
  const colorbar = t.showscale === false ? undefined : { scale, zmin: g.zmin, zmax: g.zmax, title: plainLabel(textOf(((t.colorbar ?? {}) as Loose).title)) };
  return { kind: 'heatmap', ...axes, x: extent(g.x.values), y: extent(g.y.values), xCategories: g.x.categories, yCategories: g.y.categories, draw, colorbar };
}

function levels(t: Loose, g: Grid): number[] {
  const spec = (t.contours ?? {}) as Loose;
  if (typeof spec.start === 'number' && typeof spec.end === 'number' && typeof spec.size === 'number' && spec.size > 0) {
    const out: number[] = [];
    for (let v = spec.start; v <= spec.end + 1e-9 * spec.size && out.length < 200; v += spec.size) out.push(v);
    return out;
  }
  const n = typeof t.ncontours === 'number' && t.ncontours > 0 ? Math.min(100, Math.round(t.ncontours)) : 15;
  return Array.from({ length: n }, (_, k) => g.zmin + ((k + 1) * (g.zmax - g.zmin)) / (n + 1));
}

/** Marching squares: the segments where the bilinear surface of one cell crosses `level`. */
function cellSegments(v: [number, number, number, number], level: number): [number, number, number, number][] {
  // Corners: 0 = (0,0), 1 = (1,0), 2 = (1,1), 3 = (0,1) in (column, row) units within the cell.
  const corner = [[0, 0], [1, 0], [1, 1], [0, 1]] as const;
  const cross: [number, number][] = [];
  for (let e = 0; e < 4; e++) {
    const a = v[e]!;
    const b = v[(e + 1) % 4]!;
    if ((a < level) === (b < level)) continue;
    const s = (level - a) / (b - a);
    const [ax, ay] = corner[e]!;
    const [bx, by] = corner[(e + 1) % 4]!;
    cross.push([ax + s * (bx - ax), ay + s * (by - ay)]);
  }
  if (cross.length === 2) return [[...cross[0]!, ...cross[1]!]];
  if (cross.length === 4) {
    // Saddle: the cell's mean decides which pairs of crossings connect.
    const high = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
    const pair = (v[0] >= level) === high ? [[0, 1], [2, 3]] : [[3, 0], [1, 2]];
    return pair.map(([i, j]) => [...cross[i!]!, ...cross[j!]!] as [number, number, number, number]);
  }
  return [];
}

export function contourTrace(t: Loose, _index: number, axes: { xaxis: string; yaxis: string }): Prepared | null {
  const g = grid(t);
  if (!g || g.rows < 2 || g.cols < 2) return null;
  const line = (t.line ?? {}) as Loose;
  const color = typeof line.color === 'string' ? line.color : '#8a8a8a';
  const width = typeof line.width === 'number' ? line.width : 1;
  const draw = (f: Frame, cls: string): string => {
    const X = (c: number): number => pixelX(f, g.x.values[0]! + c * ((g.x.values[g.cols - 1]! - g.x.values[0]!) / (g.cols - 1)));
    const Y = (r: number): number => pixelY(f, g.y.values[0]! + r * ((g.y.values[g.rows - 1]! - g.y.values[0]!) / (g.rows - 1)));
    let d = '';
    for (const level of levels(t, g)) {
      for (let r = 0; r + 1 < g.rows; r++) {
        for (let c = 0; c + 1 < g.cols; c++) {
          const v: [number, number, number, number] = [g.z[r]![c]!, g.z[r]![c + 1]!, g.z[r + 1]![c + 1]!, g.z[r + 1]![c]!];
          if (!v.every(Number.isFinite)) continue;
          for (const [x0, y0, x1, y1] of cellSegments(v, level)) {
            d += `M${fmt(X(c + x0))},${fmt(Y(r + y0))}L${fmt(X(c + x1))},${fmt(Y(r + y1))}`;
          }
        }
      }
    }
    return d ? `<path class="${cls} contour" d="${d}" fill="none" stroke="${color}" stroke-width="${width}"/>` : '';
  };
  return { kind: 'contour', ...axes, x: [Math.min(...g.x.values), Math.max(...g.x.values)], y: [Math.min(...g.y.values), Math.max(...g.y.values)], draw };
}
