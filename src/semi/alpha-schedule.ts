/**
 * The pseudo-label loss weight of Lee (2013), "Pseudo-Label: The Simple and Efficient
 * Semi-Supervised Learning Method for Deep Neural Networks", eq. (16):
 *
 *   α(t) = 0                       for t < T1
 *          α_f · (t − T1)/(T2 − T1) for T1 ≤ t < T2
 *          α_f                      for t ≥ T2
 *
 * Starting at zero lets the network first fit the labelled data, so early (mostly wrong)
 * pseudo-labels do not get locked in; the ramp then raises their weight slowly. Lee used
 * α_f = 3, T1 = 100, T2 = 600 epochs; t is in epochs and may be fractional (per-batch updates).
 */

export interface AlphaSchedule {
  t1: number;
  t2: number;
  alphaF: number;
}

export const LEE_2013_SCHEDULE: Readonly<AlphaSchedule> = { t1: 100, t2: 600, alphaF: 3 };

export function validateAlphaSchedule(s: AlphaSchedule): void {
  if (!Number.isFinite(s.t1) || !Number.isFinite(s.t2) || !(s.t1 < s.t2)) {
    throw new Error(`alpha schedule: expected finite T1 < T2, got T1=${s.t1}, T2=${s.t2}`);
  }
  if (!Number.isFinite(s.alphaF) || s.alphaF < 0) {
    throw new Error(`alpha schedule: expected a finite alphaF ≥ 0, got ${s.alphaF}`);
  }
}

/** α(t) for one schedule. */
export function pseudoLabelAlpha(t: number, schedule: AlphaSchedule): number {
  validateAlphaSchedule(schedule);
  if (Number.isNaN(t)) throw new Error(`alpha schedule: t must be a number of epochs, got ${t}`);
  const { t1, t2, alphaF } = schedule;
  if (t < t1) return 0;
  if (t >= t2) return alphaF;
  return (alphaF * (t - t1)) / (t2 - t1);
}

/** Validate once and return α(·), for use inside the training loop. */
export function makeAlphaSchedule(schedule: AlphaSchedule): (t: number) => number {
  validateAlphaSchedule(schedule);
  const s = { ...schedule };
  return (t: number) => pseudoLabelAlpha(t, s);
}
