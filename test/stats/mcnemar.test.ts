import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcnemar, mcnemarFromCounts } from '../../src/stats/mcnemar';
import { binomialTestHalf, chiSquare1Survival, erfc } from '../../src/stats/special';

/** Build predictions with the given discordant counts (plus some pairs both get right or wrong). */
function withCounts(b: number, c: number, bothRight = 50, bothWrong = 7) {
  const predA: number[] = [];
  const predB: number[] = [];
  const truth: number[] = [];
  const push = (aRight: boolean, bRight: boolean, k: number) => {
    for (let i = 0; i < k; i++) {
      const t = (truth.length * 7) % 10;
      truth.push(t);
      predA.push(aRight ? t : (t + 1) % 10);
      predB.push(bRight ? t : (t + 2) % 10);
    }
  };
  push(true, false, b);
  push(false, true, c);
  push(true, true, bothRight);
  push(false, false, bothWrong);
  return { predA, predB, truth };
}

test('erfc matches reference values to ~1e-7 relative error', () => {
  // Reference: Python's math.erfc.
  const ref: [number, number][] = [
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047265],
    [3, 2.2090496998585438e-5],
    [5, 1.5374597944280351e-12],
    [-1, 1.842700792949715],
    [-2.5, 1.999593047982555],
  ];
  for (const [x, want] of ref) assert.ok(Math.abs(erfc(x) / want - 1) < 2e-7, `erfc(${x}) = ${erfc(x)}, want ${want}`);
  assert.equal(chiSquare1Survival(0), 1);
  assert.ok(Math.abs(chiSquare1Survival(3.841458820694124) - 0.05) < 1e-8);
});

test('exact two-sided binomial test, including a tail far below double-precision 2^-n', () => {
  assert.ok(Math.abs(binomialTestHalf(2, 12) - 0.03857421875) < 1e-12);
  assert.ok(Math.abs(binomialTestHalf(10, 12) - 0.03857421875) < 1e-12);
  assert.equal(binomialTestHalf(0, 5), 0.0625);
  assert.equal(binomialTestHalf(6, 12), 1);
  // 2 * sum_{i<=100} C(1000, i) / 2^1000, exact with Python's fractions.
  const p = binomialTestHalf(100, 1000);
  assert.ok(Math.abs(p / 1.3403435580012592e-161 - 1) < 1e-9, `${p}`);
});

test('McNemar, small sample: b = 10, c = 2 uses the exact test, p ≈ 0.0386', () => {
  const { predA, predB, truth } = withCounts(10, 2);
  const r = mcnemar(predA, predB, truth);
  assert.equal(r.b, 10);
  assert.equal(r.c, 2);
  assert.equal(r.exact, true);
  assert.equal(r.statistic, 2);
  assert.ok(Math.abs(r.pValue - 0.03857421875) < 1e-10, `${r.pValue}`);
  // Swapping the classifiers swaps b and c and keeps the two-sided p-value.
  const s = mcnemar(predB, predA, truth);
  assert.deepEqual([s.b, s.c, s.pValue], [2, 10, r.pValue]);
});

test('McNemar, large sample: b = 59, c = 35 gives χ² = 5.628, p ≈ 0.0177', () => {
  const { predA, predB, truth } = withCounts(59, 35);
  const r = mcnemar(predA, predB, truth);
  assert.deepEqual([r.b, r.c, r.exact], [59, 35, false]);
  assert.ok(Math.abs(r.statistic - 529 / 94) < 1e-12, `${r.statistic}`);
  assert.ok(Math.abs(r.pValue - 0.01767922054301327) < 1e-8, `${r.pValue}`);
});

test('the switch to χ² happens at b + c = 25', () => {
  assert.equal(mcnemarFromCounts(20, 4).exact, true);
  assert.equal(mcnemarFromCounts(20, 5).exact, false);
  // b = c with many pairs: statistic clamps at 0, p = 1.
  assert.deepEqual(mcnemarFromCounts(30, 30), { b: 30, c: 30, statistic: 0, pValue: 1, exact: false });
});

test('identical predictions give p = 1', () => {
  const truth = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const pred = [0, 1, 2, 3, 4, 5, 6, 7, 8, 0];
  const r = mcnemar(pred, Int32Array.from(pred), truth);
  assert.deepEqual(r, { b: 0, c: 0, statistic: 0, pValue: 1, exact: true });
});

test('a length mismatch is an error naming all three lengths', () => {
  assert.throws(() => mcnemar([1, 2, 3], [1, 2], [1, 2, 3]), /same length, got 3, 2 and 3/);
  assert.throws(() => mcnemar([1, 2], [1, 2], [1, 2, 3]), /same length/);
});
