/**
 * Student's t distribution: the survival function through the regularized incomplete beta
 * function, and quantiles by bisection. Enough precision (≈1e-12) for confidence intervals and
 * p-values over a handful of seeds, without a statistics dependency.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): relative error below 1e-14. */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 500; m++) {
    for (const numerator of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** I_x(a, b), the regularized incomplete beta function, for a, b > 0 and x in [0, 1]. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new Error(`regularizedBeta: a and b must be > 0, found a = ${a}, b = ${b}`);
  if (!(x >= 0 && x <= 1)) throw new Error(`regularizedBeta: x must be in [0, 1], found ${x}`);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

function checkDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new Error(`Student t: degrees of freedom must be a positive number, found ${df}`);
}

/** P(|T| ≥ |t|) for T ~ t(df): the two-sided p-value of a t statistic. */
export function studentTTwoSided(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) throw new Error('studentTTwoSided: t is NaN');
  if (!Number.isFinite(t)) return 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** The q-quantile of t(df), for q in (0, 1). */
export function studentTQuantile(q: number, df: number): number {
  checkDf(df);
  if (!(q > 0 && q < 1)) throw new Error(`studentTQuantile: q must be in (0, 1), found ${q}`);
  if (q === 0.5) return 0;
  const upper = q > 0.5;
  const tail = upper ? 1 - q : q; // one-sided tail probability
  // P(T ≥ t) = p2(t)/2 decreases in t ≥ 0: bisect on it.
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, df) / 2 > tail) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSided(mid, df) / 2 > tail) lo = mid;
    else hi = mid;
  }
  const t = (lo + hi) / 2;
  return upper ? t : -t;
}
