import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMeanStd, mean, meanStd, median, std } from '../../src/stats/summary';

test('meanStd on a known set (sample std, n − 1)', () => {
  // Reference: Python statistics.mean / statistics.stdev.
  const r = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(r.mean, 5);
  assert.ok(Math.abs(r.std - 2.138089935299395) < 1e-12);
  assert.equal(r.n, 8);
  assert.equal(std(Float64Array.from([1, 3])), Math.SQRT2);
});

test('no cancellation on accuracies that differ only in the last digits', () => {
  const v = [97.12, 97.15, 97.09, 97.13];
  assert.ok(Math.abs(mean(v) - 97.1225) < 1e-12);
  assert.ok(Math.abs(std(v) - 0.0250) < 1e-4);
  const shifted = v.map((x) => x + 1e9);
  assert.ok(Math.abs(std(shifted) - std(v)) < 1e-5);
});

test('one value has no std; empty or non-finite input is an error', () => {
  assert.ok(Number.isNaN(std([97.1])));
  assert.equal(formatMeanStd(97.1, NaN), '97.10 ± n/a');
  assert.throws(() => mean([]), /at least 1/);
  assert.throws(() => meanStd([1, NaN]), /value 1 is not finite/);
});

test('formatMeanStd', () => {
  assert.equal(formatMeanStd(97.1234, 0.1466), '97.12 ± 0.15');
  assert.equal(formatMeanStd(0.98765, 0.0012, 3), '0.988 ± 0.001');
  assert.throws(() => formatMeanStd(1, 1, -1), /digits/);
});

test('median: middle value, mean of the two middle ones, input left unsorted', () => {
  const xs = [5, 1, 4];
  assert.equal(median(xs), 4);
  assert.deepEqual(xs, [5, 1, 4]);
  assert.equal(median([3, 1, 2, 10]), 2.5);
  assert.equal(median([7]), 7);
  assert.throws(() => median([]), /median: expected at least 1 value/);
  assert.throws(() => median([1, NaN]), /median: value 1 is not finite/);
});
