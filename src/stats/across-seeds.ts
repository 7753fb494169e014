import { mean, std } from './summary';
import { studentTQuantile, studentTTwoSided } from './student-t';

/**
 * Statistics across seeds: a seed is one independent training run, so the seed-to-seed spread is
 * the noise a difference between two configurations must beat. McNemar's test compares two
 * particular trained networks on the same images and ignores that spread; these do not.
 */

export interface Interval {
  mean: number;
  std: number;
  n: number;
  /** Two-sided confidence interval of the mean, Student t with n − 1 degrees of freedom. */
  low: number;
  high: number;
  level: number;
}

/** Mean, sample std and the t confidence interval of the mean (needs at least two values). */
export function meanInterval(values: readonly number[], level = 0.95): Interval {
  const n = values.length;
  if (n < 2) throw new Error(`meanInterval: a confidence interval needs at least 2 values, found ${n}`);
  if (!(level > 0 && level < 1)) throw new Error(`meanInterval: level must be in (0, 1), found ${level}`);
  const m = mean(values);
  const s = std(values);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (s / Math.sqrt(n));
  return { mean: m, std: s, n, low: m - half, high: m + half, level };
}

export interface PairedComparison {
  /** Per-seed differences b − a, in seed order. */
  differences: number[];
  /** Mean difference with its t interval. */
  interval: Interval;
  /** Two-sided paired t-test p-value (NaN when every difference is equal, so t is undefined). */
  tTestP: number;
  /** Two-sided exact sign-flip permutation p-value over all 2^n sign assignments. */
  permutationP: number;
}

function checkPairs(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length) throw new Error(`pairedComparison: both configurations need one value per seed, found ${a.length} and ${b.length}`);
  if (a.length < 2) throw new Error(`pairedComparison: needs at least 2 paired seeds, found ${a.length}`);
  if (a.length > 20) throw new Error(`pairedComparison: the exact permutation test enumerates 2^n sign flips; n must be ≤ 20, found ${a.length}`);
}

/**
 * Exact two-sided sign-flip test of "mean difference = 0": under the null each difference is as
 * likely to have either sign, so the p-value is the share of the 2^n sign patterns whose |mean| is
 * at least the observed one (the observed pattern included, so p ≥ 2^(1−n)).
 */
export function signFlipP(differences: readonly number[]): number {
  const n = differences.length;
  const observed = Math.abs(differences.reduce((s, d) => s + d, 0));
  let atLeast = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += mask & (1 << i) ? -differences[i] : differences[i];
    // A relative tolerance so that ties in exact arithmetic are not lost to rounding.
    if (Math.abs(sum) >= observed - 1e-12 * Math.max(1, observed)) atLeast++;
  }
  return atLeast / (1 << n);
}

/** b against a, paired by seed: differences b_i − a_i. */
export function pairedComparison(a: readonly number[], b: readonly number[], level = 0.95): PairedComparison {
  checkPairs(a, b);
  const differences = b.map((v, i) => v - a[i]);
  const interval = meanInterval(differences, level);
  const se = interval.std / Math.sqrt(differences.length);
  const tTestP = se > 0 ? studentTTwoSided(interval.mean / se, differences.length - 1) : Number.NaN;
  return { differences, interval, tTestP, permutationP: signFlipP(differences) };
}
