/**
 * Special functions the significance tests need, written out so the report has no numeric
 * dependency it cannot show.
 */

/**
 * Complementary error function, Numerical Recipes' `erfcc` (a Chebyshev fit of
 * erfc(z)·exp(z²)): relative error below 1.2e-7 for every real x. Relative rather than absolute
 * accuracy matters here, because the tail values become p-values that may be tiny.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const ans =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? ans : 2 - ans;
}

/** P(X > x) for X ~ χ²(1): X = Z², so P(|Z| > √x) = erfc(√(x/2)). */
export function chiSquare1Survival(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return erfc(Math.sqrt(x / 2));
}

/** log(exp(a) + exp(b)) without overflow or underflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * Two-sided exact binomial test of k successes in n trials with p = 1/2:
 * min(1, 2·P(X ≤ min(k, n−k))). With p = 1/2 the distribution is symmetric, so doubling the
 * smaller tail equals summing every outcome at most as likely as the observed one.
 * Terms are summed in log space, so large n neither overflows C(n, i) nor underflows 2⁻ⁿ.
 */
export function binomialTestHalf(k: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(`binomialTestHalf: expected integers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  if (n === 0) return 1;
  const m = Math.min(k, n - k);
  const logHalfN = -n * Math.LN2;
  let logC = 0; // log C(n, 0)
  let logTail = logC + logHalfN;
  for (let i = 1; i <= m; i++) {
    logC += Math.log(n - i + 1) - Math.log(i);
    logTail = logAddExp(logTail, logC + logHalfN);
  }
  return Math.min(1, 2 * Math.exp(logTail));
}
