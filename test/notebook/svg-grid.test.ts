import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderStaticSvg } from '../../src/notebook/static-svg';
import { gridDomain } from '../../src/notebook/svg-grid';

/** The plot frames of the SVG's panels (their clip rectangles), in panel order. */
function frames(svg: string): { x: number; y: number; w: number; h: number }[] {
  return [...svg.matchAll(/<clipPath id="[^"]+"><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)]
    .map((m) => ({ x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]) }));
}

test('layout.grid places subplots without domains side by side, as plotly does', () => {
  const svg = renderStaticSvg({
    data: [{ type: 'scatter', x: [0, 1], y: [0, 1] }, { type: 'scatter', x: [0, 1], y: [1, 0], xaxis: 'x2', yaxis: 'y2' }],
    layout: { grid: { rows: 1, columns: 2, pattern: 'independent' }, width: 600, height: 300 },
  });
  const [a, b] = frames(svg);
  assert.ok(a && b, `two panels, found ${JSON.stringify(frames(svg))}`);
  assert.ok(a.x + a.w < b.x, `the panels do not overlap: ${JSON.stringify([a, b])}`);
  assert.ok(Math.abs(a.w - b.w) < 0.01 && a.y === b.y && a.h === b.h, 'equal cells in one row');
});

test('grid domains: row by row for independent grids, top row first, gaps as a fraction of a cell', () => {
  const layout = { grid: { rows: 2, columns: 2, xgap: 0, ygap: 0 } };
  assert.deepEqual(gridDomain(layout, 'x'), [0, 0.5]);
  assert.deepEqual(gridDomain(layout, 'x2'), [0.5, 1]);
  assert.deepEqual(gridDomain(layout, 'y'), [0.5, 1]);
  assert.deepEqual(gridDomain(layout, 'y3'), [0, 0.5]);
  assert.equal(gridDomain(layout, 'x5'), undefined);
  const [s, e] = gridDomain({ grid: { rows: 1, columns: 2, xgap: 0.2 } }, 'x2')!;
  assert.ok(Math.abs(e - 1) < 1e-12 && Math.abs(s - 0.2 / 1.8 - 1 / 1.8 * 0.8) < 1e-12, `second cell ends at 1: ${s}, ${e}`);
  assert.deepEqual(gridDomain({ grid: { rows: 2, columns: 1, pattern: 'coupled', ygap: 0, roworder: 'bottom to top' } }, 'y2'), [0.5, 1]);
  assert.equal(gridDomain({}, 'x2'), undefined);
});
