/**
 * Where plotly's `layout.grid` puts an axis that has no domain of its own, so the static SVG lays subplots
 * out as the interactive figure does (without it every panel filled the whole plot area, on top of each other).
 * Same rules as plotly: cells of equal size, `xgap`/`ygap` as a fraction of one cell, rows top to bottom
 * unless `roworder` is 'bottom to top'; 'independent' grids number subplots row by row (x2/y2 is row 1,
 * column 2 of a 2-column grid), 'coupled' ones give every column one x axis and every row one y axis.
 */
import type { Loose } from './svg-axis';

function count(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0;
}

/** The domain of cell `i` of `n` with gaps of `gap` cells between them. */
function cell(i: number, n: number, gap: number): [number, number] {
  const step = 1 / (n - gap);
  return [step * i, step * i + step * (1 - gap)];
}

/** [start, end] in the plot area's fractions for axis `id` ('x', 'x2', 'y3', …), or undefined if no grid places it. */
export function gridDomain(layout: Loose, id: string): [number, number] | undefined {
  const grid = layout.grid as Loose | undefined;
  const rows = count(grid?.rows);
  const columns = count(grid?.columns);
  if (!grid || !rows || !columns) return undefined;
  const coupled = grid.pattern === 'coupled';
  const k = id.length > 1 ? Number(id.slice(1)) : 1;
  if (!Number.isInteger(k) || k < 1 || (!coupled && k > rows * columns)) return undefined;
  const gapOf = (v: unknown, independent: number, coupledDefault: number): number =>
    typeof v === 'number' && v >= 0 && v < 1 ? v : coupled ? coupledDefault : independent;
  if (id[0] === 'x') {
    const col = coupled ? k - 1 : (k - 1) % columns;
    return col < columns ? cell(col, columns, gapOf(grid.xgap, 0.2, 0.1)) : undefined;
  }
  const row = coupled ? k - 1 : Math.floor((k - 1) / columns);
  if (row >= rows) return undefined;
  const fromBottom = grid.roworder === 'bottom to top' ? row : rows - 1 - row;
  return cell(fromBottom, rows, gapOf(grid.ygap, 0.3, 0.1));
}
