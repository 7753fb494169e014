import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logGamma, regularizedBeta, studentTQuantile, studentTTwoSided } from '../../src/stats/student-t';
import { meanInterval, pairedComparison, signFlipP } from '../../src/stats/across-seeds';

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('logGamma and the incomplete beta match closed forms', () => {
  close(logGamma(5), Math.log(24), 1e-13, 'ln 4!');
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13, 'ln Γ(1/2)');
  // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
  close(regularizedBeta(0.3, 1, 1), 0.3, 1e-14, 'I(1,1)');
  close(regularizedBeta(0.7, 3, 1), 0.7 ** 3, 1e-13, 'I(3,1)');
  close(regularizedBeta(0.2, 1, 4), 1 - 0.8 ** 4, 1e-13, 'I(1,4)');
  assert.throws(() => regularizedBeta(1.5, 1, 1), /x must be in \[0, 1\], found 1.5/);
});

test('Student t quantiles and p-values match tables', () => {
  // Two-sided 95 % critical values (standard tables, 6 decimals).
  close(studentTQuantile(0.975, 1), 12.706205, 1e-5, 't(1)');
  close(studentTQuantile(0.975, 2), 4.302653, 1e-5, 't(2)');
  close(studentTQuantile(0.975, 4), 2.776445, 1e-5, 't(4)');
  close(studentTQuantile(0.975, 30), 2.042272, 1e-5, 't(30)');
  close(studentTQuantile(0.025, 4), -2.776445, 1e-5, 'lower tail');
  // t(1) is Cauchy: P(|T| ≥ 1) = 1/2; t(2): P(|T| ≥ t) = 1 − t/sqrt(2 + t²).
  close(studentTTwoSided(1, 1), 0.5, 1e-12, 'Cauchy');
  close(studentTTwoSided(1.5, 2), 1 - 1.5 / Math.sqrt(2 + 2.25), 1e-12, 't(2) closed form');
  assert.throws(() => studentTQuantile(0.975, 0), /degrees of freedom must be a positive number, found 0/);
});

test('mean interval: 95 % t interval of the mean', () => {
  const iv = meanInterval([93.27, 92.14, 93.83]);
  const m = (93.27 + 92.14 + 93.83) / 3;
  const s = Math.sqrt(((93.27 - m) ** 2 + (92.14 - m) ** 2 + (93.83 - m) ** 2) / 2);
  const half = 4.302653 * s / Math.sqrt(3);
  close(iv.low, m - half, 1e-5, 'low');
  close(iv.high, m + half, 1e-5, 'high');
  assert.throws(() => meanInterval([1]), /at least 2 values, found 1/);
});

test('sign-flip test enumerates every sign pattern', () => {
  // All five differences positive: only the all-positive and all-negative patterns reach |mean|.
  assert.equal(signFlipP([1, 2, 3, 4, 5]), 2 / 32);
  // Symmetric differences: every pattern's |sum| ≥ 0, p = 1.
  assert.equal(signFlipP([1, -1]), 1);
  // [3, 1, 1]: |sum| ≥ 5 for ±(3+1+1) only; ±(3+1−1)=3, ±(3−1+1)=3, ±(3−1−1)=1 → 2/8.
  assert.equal(signFlipP([3, 1, 1]), 2 / 8);
});

test('paired comparison: differences, t-test and permutation agree in direction', () => {
  const a = [93.27, 92.14, 93.83, 92.9, 93.1];
  const b = [93.88, 93.18, 94.24, 93.5, 93.2];
  const r = pairedComparison(a, b);
  assert.deepEqual(r.differences.map((d) => Number(d.toFixed(2))), [0.61, 1.04, 0.41, 0.6, 0.1]);
  // t = mean / (sd/√n); check against the formula.
  const d = r.differences;
  const m = d.reduce((s, x) => s + x, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - m) ** 2, 0) / (d.length - 1));
  close(r.tTestP, studentTTwoSided(m / (sd / Math.sqrt(5)), 4), 1e-15, 'paired t');
  assert.ok(r.tTestP < 0.05, `paired t p = ${r.tTestP}`);
  assert.equal(r.permutationP, 2 / 32);
  assert.throws(() => pairedComparison([1, 2], [1]), /one value per seed, found 2 and 1/);
});
