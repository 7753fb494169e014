// Shading in the static SVG fallback, as the interactive figure draws it: seed bands (fill 'tonexty'),
// layout.shapes (07's shaded warm-up epochs) and a heatmap's colour bar (01's Jacobian).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderStaticSvg } from '../../src/notebook/static-svg';

const numbersOf = (d: string): [number, number][] => [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((p) => [Number(p[1]), Number(p[2])]);

function path(svg: string, cls: string): string {
  const m = svg.match(new RegExp(`<path class="${cls}" d="([^"]+)"`));
  assert.ok(m, `no path ${cls} in ${svg.slice(0, 300)}`);
  return m[1]!;
}

// The structure of maskRateFigure and curveTraces: lower edge, upper edge filled to it, then the mean.
const band = {
  data: [
    { type: 'scatter', mode: 'lines', x: [1, 2, 3, 4, 5], y: [10, 20, null, 40, 45], line: { width: 0.5 } },
    { type: 'scatter', mode: 'lines', x: [1, 2, 3, 4, 5], y: [30, 40, null, 60, 70], line: { width: 0.5 }, fill: 'tonexty', fillcolor: 'rgba(31,119,180,0.2)' },
    { type: 'scatter', mode: 'lines+markers', x: [1, 2, 3, 4, 5], y: [20, 30, 40, 50, 55], name: 'mean' },
  ],
  layout: {
    xaxis: { range: [0.5, 5.5] }, yaxis: { range: [0, 100] }, width: 500, height: 300,
    shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: 0.5, x1: 3, y0: 0, y1: 1, fillcolor: 'rgba(0,0,0,0.07)', line: { width: 0 }, layer: 'below' }],
  },
};

test('a tonexty band fills between its edge and the trace before it, split where either has a gap', () => {
  const svg = renderStaticSvg(band);
  const area = path(svg, 'trace-1 fill');
  assert.equal((area.match(/M/g) ?? []).length, 2, 'epoch 3 has no value, so two pieces');
  const lower = numbersOf(path(svg, 'trace-0'));
  const upper = numbersOf(path(svg, 'trace-1'));
  const first = numbersOf(area.split('Z')[0]!);
  // The first piece runs along the upper edge (epochs 1, 2) and back along the lower one (2, 1).
  assert.deepEqual(first, [upper[0], upper[1], lower[1], lower[0]]);
  assert.match(svg, /<path class="trace-1 fill" d="[^"]+" fill="rgba\(31,119,180,0.2\)" stroke="none"\/>/);
});

test('a rectangle of layout.shapes on x data and y paper spans its epochs and the whole height, below the traces', () => {
  const svg = renderStaticSvg(band);
  const m = svg.match(/<rect class="shape" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="rgba\(0,0,0,0.07\)" stroke="none"\/>/);
  assert.ok(m, 'the shaded rectangle');
  const clip = svg.match(/<clipPath id="[^"]+"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/)!;
  const [left, top, width, height] = clip.slice(1).map(Number) as [number, number, number, number];
  const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
  assert.ok(Math.abs(x - left) < 0.02 && Math.abs(y - top) < 0.02 && Math.abs(h - height) < 0.02, 'from the axis start, full height');
  assert.ok(Math.abs(w - width / 2) < 0.02, 'epochs 0.5 to 3 of 0.5 to 5.5: half the width');
  assert.ok(svg.indexOf('class="shape"') < svg.indexOf('clip-path="url('), 'layer below: before the traces');
  const above = renderStaticSvg({ ...band, layout: { ...band.layout, shapes: [{ type: 'line', xref: 'x', yref: 'y', x0: 1, x1: 4, y0: 50, y1: 50, line: { color: 'red', width: 1 } }] } });
  assert.match(above, /<line class="shape" x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="\1" stroke="red" stroke-width="1"\/>/);
  assert.ok(above.indexOf('class="shape"') > above.indexOf('clip-path="url('), 'default layer above: after the traces');
});

test('a heatmap shows its colour bar (plotly\'s default) with its title and value ticks; showscale false hides it', () => {
  const heat = { type: 'heatmap', z: [[-1, 0], [0, 1]], colorscale: 'RdBu', zmid: 0, reversescale: true, colorbar: { title: { text: '∂p_i/∂x_j' } } };
  const svg = renderStaticSvg({ data: [heat], layout: { width: 400, height: 300 } });
  const bar = svg.match(/<g class="colorbar">[\s\S]*?<\/g>/)?.[0];
  assert.ok(bar, 'a colour bar');
  assert.ok(bar.includes('>∂p_i/∂x_j</text>'));
  assert.ok(bar.includes('>−1.0</text>') && bar.includes('>0</text>') && bar.includes('>1.0</text>'), `ticks from zmin to zmax: ${bar}`);
  const stops = [...svg.matchAll(/<stop offset="[\d.]+" stop-color="(#[0-9a-f]{6})"\/>/g)].map((s) => s[1]);
  assert.equal(stops.length, 11);
  assert.notEqual(stops[0], stops[10], 'the gradient runs through the scale');
  const cellLeft = Number(svg.match(/<g class="trace-0 heatmap"><rect x="([\d.]+)"/)![1]);
  const plain = renderStaticSvg({ data: [{ ...heat, showscale: false }], layout: { width: 400, height: 300 } });
  assert.ok(!plain.includes('class="colorbar"'));
  const plainWidth = Number(plain.match(/<clipPath id="[^"]+"><rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/)![1]);
  const barWidth = Number(svg.match(/<clipPath id="[^"]+"><rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/)![1]);
  assert.ok(barWidth < plainWidth && cellLeft > 0, 'the plot area makes room for the bar');
});
