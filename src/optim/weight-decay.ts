import { plural } from '../util/plural';
import { simdKernels } from '../backend/simd/module';
import { weightDecayWasm } from './update-wasm';

const f = Math.fround;

/**
 * Decoupled weight decay (Loshchilov & Hutter 2019, "AdamW"): p ← p − ε·s(t)·λ·p, applied to the
 * parameters directly before the gradient step, never through the momentum accumulator. L2
 * regularization (adding λp to the gradient) would instead be carried and amplified by momentum
 * (by up to 1/(1−μ)), which couples the decay to μ and to the schedule's gradient scaling.
 *
 * Only parameters marked `decay` (conv and linear weights) shrink; biases and batch-norm scales do
 * not. Each product is rounded to float32 as a kernel would.
 */
export function applyWeightDecay(params: Float32Array[], decays: readonly boolean[], lr: number, factor: number, lambda: number): void {
  if (lambda === 0) return;
  if (!(lambda > 0)) throw new Error(`weightDecay: expected a number ≥ 0, found ${lambda}`);
  if (decays.length !== params.length) throw new Error(`weightDecay: ${plural(params.length, 'parameter')} but ${plural(decays.length, 'decay flag')}`);
  const c = f(lr * factor * lambda);
  const simd = simdKernels();
  params.forEach((p, i) => {
    if (!decays[i]) return;
    if (simd !== null) return weightDecayWasm(simd, p, c);
    for (let k = 0; k < p.length; k++) p[k] = f(p[k] - f(c * p[k]));
  });
}
