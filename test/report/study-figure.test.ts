import assert from 'node:assert/strict';
import { test } from 'node:test';
import { studyFigure } from '../../src/report/study-figure';

const rows = [
  { title: 'Baseline', values: [98.1, 98.3, 98.2] },
  { title: '+ He', values: [96.0, 95.8, 96.1] },
];

test('study figure: every seed a point, each mean with its interval, on an axis fitted to the data', () => {
  const fig = studyFigure(rows);
  const [seeds, means] = fig.data as { x: number[]; y: string[]; error_x: { array: number[]; arrayminus: number[] } }[];
  assert.deepEqual(seeds!.x, [98.1, 98.3, 98.2, 96.0, 95.8, 96.1]);
  assert.deepEqual(seeds!.y, ['Baseline', 'Baseline', 'Baseline', '+ He', '+ He', '+ He']);
  assert.ok(Math.abs(means!.x[0]! - 98.2) < 1e-9 && Math.abs(means!.x[1]! - 95.9666666) < 1e-6);
  // A 95 % t interval for 3 values with std 0.1 has half-width t(0.975, 2)·0.1/√3 ≈ 0.248.
  assert.ok(Math.abs(means!.error_x.array[0]! - 0.2484) < 1e-3, `half-width ${means!.error_x.array[0]}`);
  const range = (fig.layout as { xaxis: { range: [number, number] } }).xaxis.range;
  assert.ok(range[0] < 95.8 && range[1] > 98.3, `axis ${range} holds every point`);
  assert.ok(range[1] - range[0] < 4, `axis ${range} spans about the data and intervals (2.9 points), not 70–100 %`);
  assert.equal((fig.layout as { xaxis: { dtick?: number } }).xaxis.dtick, 0.5, 'ticks every half point over a 3-point axis');
  const wide = studyFigure([{ title: 'a', values: [60, 90] }, { title: 'b', values: [70, 95] }]);
  assert.equal((wide.layout as { xaxis: { dtick?: number } }).xaxis.dtick, undefined, 'no fixed tick step over a wide axis');
});

test('study figure: a row with one seed is refused by name', () => {
  assert.throws(() => studyFigure([{ title: '+ Xavier', values: [98] }]), /row "\+ Xavier" needs at least 2 seeds/);
});
