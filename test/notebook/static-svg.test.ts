import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAxis, niceStep, powerOfTenLabel, renderStaticSvg } from '../../src/notebook/static-svg';

function pathPoints(svg: string, cls: string): [number, number][] {
  const m = svg.match(new RegExp(`<path class="${cls}" d="([^"]+)"`));
  assert.ok(m, `no path ${cls}`);
  return [...m[1].matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((p) => [Number(p[1]), Number(p[2])]);
}

test('a line trace maps increasing data to rightward and upward pixels', () => {
  const svg = renderStaticSvg({ data: [{ type: 'scatter', mode: 'lines', x: [0, 1, 2], y: [0, 1, 4], name: 'up' }], layout: { title: 'Rise' } });
  const pts = pathPoints(svg, 'trace-0');
  assert.equal(pts.length, 3);
  assert.ok(pts[0][0] < pts[1][0] && pts[1][0] < pts[2][0]);
  assert.ok(pts[0][1] > pts[1][1] && pts[1][1] > pts[2][1], 'SVG y grows downward, so larger data is higher up');
  // Equal data steps give equal pixel steps on a linear axis.
  assert.ok(Math.abs(pts[1][0] - pts[0][0] - (pts[2][0] - pts[1][0])) < 0.02);
  assert.ok(svg.includes('>Rise</text>'));
  assert.ok(svg.includes('>up</text>'), 'legend entry');
});

test('log axes space decades evenly, label powers of ten and drop non-positive values', () => {
  const svg = renderStaticSvg({
    data: [{ x: [1, 2, 3, 4], y: [1, 0.1, 0, 0.001], mode: 'lines' }],
    layout: { yaxis: { type: 'log', title: { text: 'loss' } } },
  });
  const pts = pathPoints(svg, 'trace-0');
  // y = 0 cannot be drawn on a log axis, which breaks the line into two pieces.
  assert.equal(pts.length, 3);
  assert.equal((svg.match(/<path class="trace-0" d="[^"]*"/)![0].match(/M/g) ?? []).length, 2);
  assert.ok(svg.includes('>10⁻²</text>') || svg.includes('>10⁻¹</text>'));
  assert.ok(svg.includes('>loss</text>'));
  const [a, b] = [pts[0][1], pts[1][1]];
  const perDecade = b - a;
  assert.ok(perDecade > 0);
  assert.ok(Math.abs(pts[2][1] - b - 2 * perDecade) < 0.05, 'two decades from 0.1 to 0.001');
});

test('names are escaped and unsupported traces give a placeholder or a note', () => {
  const svg = renderStaticSvg({ data: [{ y: [1, 2], name: 'a<b & c' }], layout: {} });
  assert.ok(svg.includes('a&lt;b &amp; c'));
  const ph = renderStaticSvg({ data: [{ type: 'heatmap', z: [[1]] }], layout: { title: { text: 'Digits' } } });
  assert.ok(ph.includes('>Digits</text>'));
  assert.ok(ph.includes('heatmap'));
  assert.ok(!ph.includes('<path'));
  const mixed = renderStaticSvg({ data: [{ type: 'contour', z: [[1]] }, { y: [1, 2, 3] }] });
  assert.ok(mixed.includes('<path class="trace-0"'));
  assert.ok(mixed.includes('contour trace: interactive view only'));
});

test('axis helpers', () => {
  assert.equal(niceStep(10), 2);
  assert.equal(niceStep(1), 0.2);
  assert.equal(niceStep(70), 10);
  assert.equal(powerOfTenLabel(-3), '10⁻³');
  assert.equal(powerOfTenLabel(0), '1');
  const ax = makeAxis([0, 100], undefined);
  assert.ok(ax.ticks.some((t) => t.label === '0') && ax.ticks.some((t) => t.label === '100'));
  const lx = makeAxis([1e-6, 1], { type: 'log' });
  assert.ok(lx.log && lx.lo < -6 + 1e-9 && lx.hi > 0);
  const fixed = makeAxis([5], { range: [0, 10] });
  assert.deepEqual([fixed.lo, fixed.hi], [0, 10]);
});
