/**
 * McNemar's test for two classifiers scored on the same test set (Dietterich 1998 recommends it
 * over a paired t-test on one split). Only the discordant pairs matter: b = A right & B wrong,
 * c = A wrong & B right. Under H0 (equal error rates) each discordant pair is a fair coin.
 */
import { binomialTestHalf, chiSquare1Survival } from './special';

export interface McNemarResult {
  /** A right, B wrong. */
  b: number;
  /** A wrong, B right. */
  c: number;
  /**
   * The exact test's statistic is min(b, c) (the binomial count in the smaller tail); the
   * asymptotic test's is the continuity-corrected χ² = (|b − c| − 1)² / (b + c).
   */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** True when b + c < 25 and the exact binomial test was used. */
  exact: boolean;
}

/** Below this many discordant pairs the χ² approximation is poor, so the exact test is used. */
export const MCNEMAR_EXACT_BELOW = 25;

export function mcnemar(predA: ArrayLike<number>, predB: ArrayLike<number>, truth: ArrayLike<number>): McNemarResult {
  const n = truth.length;
  if (predA.length !== n || predB.length !== n) {
    throw new Error(
      `mcnemar: predA, predB and truth must have the same length, got ${predA.length}, ${predB.length} and ${n}`,
    );
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const aRight = predA[i] === truth[i];
    const bRight = predB[i] === truth[i];
    if (aRight && !bRight) b++;
    else if (!aRight && bRight) c++;
  }
  return mcnemarFromCounts(b, c);
}

/** The same test from the discordant counts alone (e.g. copied from a paper's table). */
export function mcnemarFromCounts(b: number, c: number): McNemarResult {
  if (!Number.isInteger(b) || b < 0 || !Number.isInteger(c) || c < 0) {
    throw new Error(`mcnemar: b and c must be non-negative integers, got b=${b}, c=${c}`);
  }
  const m = b + c;
  if (m < MCNEMAR_EXACT_BELOW) {
    return { b, c, statistic: Math.min(b, c), pValue: binomialTestHalf(Math.min(b, c), m), exact: true };
  }
  // Continuity correction; |b − c| ≥ 1 is not guaranteed (b = c), so clamp at zero.
  const d = Math.max(0, Math.abs(b - c) - 1);
  const statistic = (d * d) / m;
  return { b, c, statistic, pValue: chiSquare1Survival(statistic), exact: false };
}
