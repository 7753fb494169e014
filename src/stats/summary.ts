/** Mean ± sample standard deviation over repeated runs (seeds), as the report tables print it. */

function checkValues(where: string, values: ArrayLike<number>, min: number): void {
  if (values.length < min) throw new Error(`${where}: expected at least ${min} value(s), got ${values.length}`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`${where}: value ${i} is not finite (${values[i]})`);
  }
}

export function mean(values: ArrayLike<number>): number {
  checkValues('mean', values, 1);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * Sample standard deviation (divisor n − 1: the runs are a sample of seeds, not the population).
 * Two passes around the mean, so values like 97.12, 97.15, … lose no digits to cancellation.
 * One value has no spread estimate: returns NaN rather than a misleading 0.
 */
export function std(values: ArrayLike<number>): number {
  checkValues('std', values, 1);
  if (values.length < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/** The middle value, or the mean of the two middle values; what the benchmarks quote, since one slow round on a noisy machine moves it little. */
export function median(values: ArrayLike<number>): number {
  checkValues('median', values, 1);
  const s = Array.from(values).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function meanStd(values: ArrayLike<number>): { mean: number; std: number; n: number } {
  return { mean: mean(values), std: std(values), n: values.length };
}

/** "97.12 ± 0.15"; a NaN std (a single run) prints as "97.12 ± n/a". */
export function formatMeanStd(mean: number, std: number, digits = 2): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new Error(`formatMeanStd: digits must be an integer in [0, 20], got ${digits}`);
  }
  return `${mean.toFixed(digits)} ± ${Number.isNaN(std) ? 'n/a' : std.toFixed(digits)}`;
}
