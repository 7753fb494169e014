import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderStaticSvg } from '../../src/notebook/static-svg';

function frame(svg: string): { x: number; y: number; w: number; h: number } {
  const m = svg.match(/<clipPath id="[^"]+"><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/);
  assert.ok(m, 'a panel frame');
  return { x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]) };
}

const square = (yaxis: object, xaxis: object = { range: [0, 10] }) => renderStaticSvg({
  data: [{ type: 'heatmap', z: [[0, 1], [1, 0]], x: [0, 10], y: [0, 10] }],
  layout: { width: 800, height: 300, xaxis, yaxis },
});

test('scaleanchor keeps data units square: a 10 × 10 heatmap in a wide figure gets a square, centred panel', () => {
  const f = frame(square({ range: [0, 10], scaleanchor: 'x' }));
  assert.ok(Math.abs(f.w - f.h) < 0.5, `square panel, found ${f.w} × ${f.h}`);
  const free = frame(square({ range: [0, 10] }));
  assert.ok(free.w > 2 * free.h, `without the anchor the panel fills the width: ${free.w} × ${free.h}`);
  assert.ok(Math.abs(f.x + f.w / 2 - (free.x + free.w / 2)) < 0.5, 'centred where the free panel is');
});

test('scaleratio 2 makes a y unit twice as long as an x unit; anchoring x on y works the same way', () => {
  const f = frame(square({ range: [0, 10], scaleanchor: 'x', scaleratio: 2 }));
  assert.ok(Math.abs(f.h - 2 * f.w) < 0.5 || Math.abs(f.w * 2 - f.h) < 0.5, `h = 2w, found ${f.w} × ${f.h}`);
  const g = frame(square({ range: [0, 10] }, { range: [0, 10], scaleanchor: 'y' }));
  assert.ok(Math.abs(g.w - g.h) < 0.5, `square panel, found ${g.w} × ${g.h}`);
});
