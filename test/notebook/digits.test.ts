import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digitGridFigure } from '../../src/notebook/digits';

test('digit grid places each image in its own block with null gutters and a label above', () => {
  const imgs = [0, 1, 2].map((k) => {
    const a = new Float32Array(784);
    a[0] = k + 1; // top-left pixel identifies the image
    return a;
  });
  const fig = digitGridFigure(imgs, ['0', '1', '2'], 2);
  const trace = fig.data[0] as { type: string; z: (number | null)[][]; zmin: number; zmax: number };
  assert.equal(trace.type, 'heatmap');
  assert.equal(trace.z.length, 2 * 37 - 9, 'rows 9 px apart: room for the labels');
  assert.equal(trace.z[0].length, 2 * 30 - 2);
  assert.equal(trace.z[0][0], 1);
  assert.equal(trace.z[0][30], 2);
  assert.equal(trace.z[37][0], 3);
  assert.equal(trace.z[30][0], null, 'label band between rows');
  assert.equal(trace.z[0][28], null, 'gutter');
  assert.equal(trace.z[37][30], null, 'missing fourth image stays blank');
  assert.deepEqual([trace.zmin, trace.zmax], [0, 3]);
  const ann = (fig.layout as { annotations: { text: string; x: number; y: number }[] }).annotations;
  assert.deepEqual(ann.map((a) => a.text), ['0', '1', '2']);
  assert.equal(ann[1].x, 30 + 13.5);
  assert.equal(ann[2].y, 37 - 0.5, 'a label sits on the top edge of its image, in the band above it');
});

test('small tiles print as large as the width allows: the height keeps them square at 56 px per column', () => {
  const tiles = Array.from({ length: 64 }, () => new Float32Array(36));
  const fig = digitGridFigure(tiles, tiles.map(() => ''), 8, { size: 6, gap: 1, rowGap: 1 });
  const { width, height, margin } = fig.layout as { width: number; height: number; margin: { l: number; r: number; t: number; b: number } };
  const zRows = (fig.data[0] as { z: unknown[] }).z.length;
  const perPixelX = (width - margin.l - margin.r) / (8 * 7 - 1);
  const perPixelY = (height - margin.t - margin.b) / zRows;
  assert.ok(perPixelY >= 0.9 * perPixelX, `vertical ${perPixelY.toFixed(2)} px per pixel against horizontal ${perPixelX.toFixed(2)}`);
  const digits = digitGridFigure([new Float32Array(784)], ['0'], 1);
  assert.equal((digits.layout as { height: number }).height, 37 * 2 + 24, 'a grid of 28×28 digits keeps its height');
});

test('digit grid rejects mismatched inputs', () => {
  const img = new Float32Array(784);
  assert.throws(() => digitGridFigure([img], [], 1), /one label per image/);
  assert.throws(() => digitGridFigure([new Float32Array(10)], ['x'], 1), /image 0 has 10 pixels/);
  assert.throws(() => digitGridFigure([img], ['x'], 0), /cols/);
});
