/**
 * Dropout masks for exact enumeration.
 *
 * Convention here (Srivastava et al. 2014): `keep` is the probability that a unit is KEPT. PyTorch's
 * `p` and tfjs's `rate` are the probability of DROPPING it, i.e. 1 − keep.
 */

/** Largest site count we enumerate: 2^20 masks is already a million forward passes. */
export const MAX_ENUMERATED_UNITS = 20;

/** All 2^n binary masks over n units, mask i having bit j = (i >> j) & 1. */
export function enumerateMasks(n: number): Uint8Array[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_ENUMERATED_UNITS) {
    throw new Error(`enumerateMasks (src/lab/dropout/masks.ts): expected an integer unit count in 0..${MAX_ENUMERATED_UNITS}, got ${n}`);
  }
  const masks: Uint8Array[] = [];
  for (let i = 0; i < 2 ** n; i++) {
    const m = new Uint8Array(n);
    for (let j = 0; j < n; j++) m[j] = (i >> j) & 1;
    masks.push(m);
  }
  return masks;
}

export function checkKeep(keep: number, where: string): void {
  if (!(keep > 0 && keep <= 1)) {
    throw new Error(`${where}: expected a keep probability in (0, 1], got ${keep}`);
  }
}

/** Probability of drawing `mask` when every unit is kept independently with probability `keep`. */
export function maskProbability(mask: ArrayLike<number>, keep: number): number {
  checkKeep(keep, 'maskProbability (src/lab/dropout/masks.ts)');
  let prob = 1;
  for (let j = 0; j < mask.length; j++) prob *= mask[j] ? keep : 1 - keep;
  return prob;
}
