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
  const ph = renderStaticSvg({ data: [{ type: 'sankey', node: {} }], layout: { title: { text: 'Flows' } } });
  assert.ok(ph.includes('>Flows</text>'));
  assert.ok(ph.includes('sankey'));
  assert.ok(!ph.includes('<path'));
  const mixed = renderStaticSvg({ data: [{ type: 'pie', values: [1] }, { y: [1, 2, 3] }] });
  assert.ok(mixed.includes('<path class="trace-1"'));
  assert.ok(mixed.includes('pie trace: interactive view only'));
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

function rects(svg: string): { x: number; y: number; w: number; h: number; fill?: string }[] {
  return [...svg.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"(?: fill="([^"]+)")?\/>/g)]
    .map((m) => ({ x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]), fill: m[5] }));
}

test('heatmap: one mark per cell colour, low and high z at the two ends of the scale, reversed y puts row 0 on top', () => {
  const svg = renderStaticSvg({
    data: [{ type: 'heatmap', z: [[0, 1], [1, 0]], x: ['a', 'b'], y: ['p', 'q'], colorscale: [[0, '#ff0000'], [1, '#0000ff']] }],
    layout: { yaxis: { autorange: 'reversed' } },
  });
  const cells = rects(svg).filter((r) => r.fill === '#ff0000' || r.fill === '#0000ff');
  assert.equal(cells.length, 4);
  const red = cells.filter((r) => r.fill === '#ff0000').sort((a, b) => a.y - b.y);
  assert.ok(red[0]!.x < red[1]!.x, 'z[0][0] (row 0, left) is red and above z[1][1] (row 1, right)');
  assert.ok(svg.includes('>a</text>') && svg.includes('>q</text>'), 'category tick labels');
  assert.ok(!svg.includes('interactive view only'));
});

test('heatmap with zmid: values symmetric around it get the two ends of a diverging scale', () => {
  const svg = renderStaticSvg({ data: [{ type: 'heatmap', z: [[-1, 0.5]], zmid: 0, colorscale: 'RdBu' }] });
  const fills = rects(svg).map((r) => r.fill).filter((f) => f && f !== 'white');
  assert.equal(fills[0], '#050aac', 'z = −1 is the low end of RdBu');
  assert.notEqual(fills[1], '#b20a1c', 'z = 0.5 is not the high end');
});

test('contour: the level set of z = x at 0.5 is a vertical line halfway across', () => {
  const xs = [0, 0.25, 0.5, 0.75, 1];
  const svg = renderStaticSvg({ data: [{ type: 'contour', x: xs, y: xs, z: xs.map(() => xs.map((x) => x)), contours: { start: 0.5, end: 0.5, size: 1 } }], layout: { width: 400, height: 300 } });
  const d = /<path class="trace-0 contour" d="([^"]+)"/.exec(svg);
  assert.ok(d, 'a contour path');
  const pts = [...d[1].matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.equal(pts.length, 8, 'four cells crossed, one segment each');
  const xsPx = new Set(pts.map((p) => p[0]));
  assert.equal(xsPx.size, 1, 'all points on one vertical line');
  const ys = pts.map((p) => p[1]);
  assert.ok(Math.max(...ys) - Math.min(...ys) > 150, 'spanning the plot height');
});

test('bars: heights proportional to y from a zero baseline; two bar traces sit side by side', () => {
  const svg = renderStaticSvg({ data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2], name: 'one' }, { type: 'bar', x: ['a', 'b'], y: [2, 4], name: 'two' }], layout: { yaxis: { range: [0, 4] } } });
  const bars = [...svg.matchAll(/<g class="trace-(\d)" fill="[^"]+">(.*?)<\/g>/g)].map((m) => ({ trace: Number(m[1]), r: rects(m[2]!) }));
  assert.equal(bars.length, 2);
  const [one, two] = bars.map((b) => b.r);
  assert.ok(Math.abs(one![1]!.h - 2 * one![0]!.h) < 0.5 && Math.abs(two![0]!.h - 2 * one![0]!.h) < 0.5);
  assert.ok(Math.abs(one![0]!.y + one![0]!.h - (two![0]!.y + two![0]!.h)) < 0.5, 'common baseline');
  assert.ok(one![0]!.x + one![0]!.w <= two![0]!.x + 0.5, 'grouped, not stacked');
  assert.ok(svg.includes('>one</text>') && svg.includes('>two</text>'));
});

test('subplots: traces on x2/y2 are drawn in the panel of their axis domains, with per-panel clip paths', () => {
  const svg = renderStaticSvg({
    data: [{ x: [0, 1], y: [0, 1], mode: 'lines', name: 'left' }, { x: [0, 1], y: [0, 1], mode: 'lines', xaxis: 'x2', yaxis: 'y2', name: 'right' }],
    layout: { width: 600, height: 300, xaxis: { domain: [0, 0.45] }, xaxis2: { domain: [0.55, 1] }, yaxis2: { anchor: 'x2' } },
  });
  const left = pathPoints(svg, 'trace-0');
  const right = pathPoints(svg, 'trace-1');
  assert.ok(Math.max(...left.map((p) => p[0])) < Math.min(...right.map((p) => p[0])), 'the second panel is to the right of the first');
  assert.equal((svg.match(/<clipPath id="plot-[a-z0-9]+-\d"/g) ?? []).length, 2);
});
