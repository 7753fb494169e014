/**
 * A batch's gradient is always computed in GRADIENT_SHARDS fixed parts whose gradients are added in
 * part order, whether one thread computes the parts one after another or several threads at once.
 * Float addition is not associative, so fixing the parts (not the number of threads) is what makes a
 * run's numbers independent of TRAIN_WORKERS and of the machine's core count. Two parts also suit
 * the cache better than one: a 32-image part trained faster per image than a 64-image batch here.
 */
import type { StepGradients } from '../models/starter-cnn-step';
import { plural } from '../util/plural';

export const GRADIENT_SHARDS = 2;

/** Where each part of a batch of n starts (parts differ in size by at most one), and n; one part if n < shards. */
export function shardBounds(n: number, shards = GRADIENT_SHARDS): number[] {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`shardBounds: expected a positive batch size, found ${n}`);
  const k = Math.min(shards, n);
  return Array.from({ length: k + 1 }, (_, p) => Math.floor((p * n) / k));
}

/** Adds `part` into `total`, rounding each gradient sum to float32 as a kernel would. */
export function addGradients(total: StepGradients, part: StepGradients): void {
  addGradientArrays(total.grads, part.grads);
  total.lossSum += part.lossSum;
  total.correct += part.correct;
}

/** Adds each gradient array of `part` into the one of `total` at the same index, in float32. */
export function addGradientArrays(total: Float32Array[], part: readonly Float32Array[]): void {
  if (total.length !== part.length) throw new Error(`addGradients: ${plural(total.length, 'gradient')} vs ${part.length}`);
  total.forEach((acc, i) => {
    const g = part[i];
    if (g.length !== acc.length) throw new Error(`addGradients: gradient ${i} has ${plural(acc.length, 'value')} in one part and ${g.length} in another`);
    for (let k = 0; k < acc.length; k++) acc[k] = Math.fround(acc[k] + g[k]);
  });
}
