/**
 * The optimizer step, weight decay and weight average by our wasm SIMD kernels
 * (src/backend/simd/optimizer.c). Parameters live in host arrays (shared with the worker threads),
 * so each array is copied into the tfjs heap, updated there and copied back: two block copies in
 * place of the per-element Math.fround loops. The same bits as the loops
 * (test/optim/update-wasm.test.ts).
 */
import type { Scratch, SimdKernels } from '../backend/simd/module';

/** Runs `update` on heap copies of `arrays`, then copies the first `written` of them back. */
function inHeap(s: SimdKernels, arrays: Float32Array[], written: number, update: (ptrs: number[]) => void): void {
  s.withScratch((sc: Scratch) => {
    const ptrs = arrays.map((a) => sc.put(a));
    update(ptrs);
    for (let i = 0; i < written; i++) sc.readInto(ptrs[i], arrays[i]);
  });
}

/** p ← p + c·g, or with accumulator a: a ← a·μ + g and p ← p + c·a (or c·(g + a·μ) for Nesterov). */
export function updateStepWasm(s: SimdKernels, p: Float32Array, g: Float32Array, a: Float32Array | null, c: number, mu: number, nesterov: boolean): void {
  if (a === null) inHeap(s, [p, g], 1, ([pp, gp]) => s.k.sgd_step(pp, gp, p.length, c));
  else inHeap(s, [p, a, g], 2, ([pp, ap, gp]) => s.k.momentum_step(pp, gp, ap, p.length, c, mu, nesterov ? 1 : 0));
}

/** p ← p − c·p. */
export function weightDecayWasm(s: SimdKernels, p: Float32Array, c: number): void {
  inHeap(s, [p], 1, ([pp]) => s.k.weight_decay(pp, p.length, c));
}

/** avg ← keep·avg + take·x. */
export function emaBlendWasm(s: SimdKernels, avg: Float32Array, x: Float32Array, keep: number, take: number): void {
  inHeap(s, [avg, x], 1, ([ap, xp]) => s.k.ema_blend(ap, xp, avg.length, keep, take));
}
