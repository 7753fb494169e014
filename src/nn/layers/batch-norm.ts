/**
 * Batch normalization over the last axis of [n, c] or [n, h, w, c] activations, as PyTorch's
 * BatchNorm1d/2d: train mode normalizes with the batch's mean and biased variance and reports the
 * batch mean and *unbiased* variance (the network folds them into the running estimates with
 * momentum 0.1); eval mode uses the running estimates. eps = 1e-5. A following ReLU may be fused in.
 *
 * Backward, with x̂ = (x − μ)·s, s = 1/√(σ² + eps), m values per channel and dz = dy·[y > 0]:
 *   dγ = Σ dz·x̂,  dβ = Σ dz,  dx = γ·s/m · (m·dz − dβ − x̂·dγ)
 * x̂ is not stored: backward recomputes it from x as x·s + (−μ·s), the same float64 expression
 * forward used, which spares writing and re-reading a second activation-sized array. The passes
 * live in batch-norm-passes.ts.
 */
import type * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../../backend/heap-tensor';
import { simdKernels } from '../../backend/simd/module';
import { store } from '../host-loops';
import type { BackwardContext, ForwardContext, Layer, ParamDecl } from '../layer';
import { channelSquareSums, momentsFromSums, normalizeInto, backwardSums, backwardInto } from './batch-norm-passes';
import { backwardIntoWasm, backwardSumsWasm, channelSquareSumsWasm, normalizeWasm } from './batch-norm-wasm';

export const BN_EPS = 1e-5;
export const BN_MOMENTUM = 0.1;

export class BatchNorm implements Layer {
  readonly kind = 'batchnorm';
  readonly outShape: readonly number[];
  readonly params: ParamDecl[];
  readonly buffers;
  readonly maskSize = 0;
  readonly statCount = 2;
  private readonly c: number;
  /** The last train-mode pass's input, output and x̂ = x·scale + shift coefficients. */
  private x: tf.Tensor | null = null;
  private y: tf.Tensor | null = null;
  private scale: Float64Array | null = null;
  private shift: Float64Array | null = null;

  constructor(readonly inShape: readonly number[], readonly relu: boolean) {
    this.c = inShape[inShape.length - 1];
    this.outShape = inShape;
    this.params = [
      { name: 'gamma', shape: [this.c], decay: false, init: { kind: 'const', value: 1 } },
      { name: 'beta', shape: [this.c], decay: false, init: { kind: 'const', value: 0 } },
    ];
    this.buffers = [{ name: 'running_mean', size: this.c, value: 0 }, { name: 'running_var', size: this.c, value: 1 }];
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const c = this.c;
    const [gamma, beta] = ctx.host;
    const simd = simdKernels();
    let scale: Float64Array, shift: Float64Array;
    if (ctx.train) {
      const { sum, sq } = simd !== null ? channelSquareSumsWasm(simd, x, c) : channelSquareSums(hostView(x), c);
      const { mean, varBiased, m } = momentsFromSums(sum, sq, x.size / c);
      scale = varBiased.map((v) => 1 / Math.sqrt(v + BN_EPS));
      shift = mean.map((mu, k) => -mu * scale[k]);
      ctx.stats.push(Float32Array.from(mean), Float32Array.from(varBiased, (v) => (m > 1 ? (v * m) / (m - 1) : v)));
    } else {
      const [rm, rv] = ctx.buffers;
      scale = Float64Array.from(rv, (v) => 1 / Math.sqrt(v + BN_EPS));
      shift = Float64Array.from(rm, (mu, k) => -mu * scale[k]);
    }
    const a = Float64Array.from(scale, (v, k) => gamma[k] * v), b = Float64Array.from(shift, (v, k) => gamma[k] * v + beta[k]);
    const y = simd !== null ? normalizeWasm(simd, x, a, b, this.relu)
      : filledTensor([...x.shape], (out) => normalizeInto(hostView(x), a, b, this.relu, out));
    if (ctx.train) [this.x, this.y, this.scale, this.shift] = [x, y, scale, shift];
    return y;
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    const { x, y, scale, shift, c } = this;
    if (x === null || y === null || scale === null || shift === null) {
      throw new Error('BatchNorm.backward: no train-mode forward pass to differentiate');
    }
    this.x = this.y = this.scale = this.shift = null;
    const relu = this.relu;
    const simd = simdKernels();
    const { dGamma, dBeta } = simd !== null ? backwardSumsWasm(simd, dy, x, relu ? y : null, scale, shift, c)
      : backwardSums(hostView(dy), hostView(x), relu ? hostView(y) : null, scale, shift, c);
    store(ctx.grads[0], dGamma);
    store(ctx.grads[1], dBeta);
    if (!ctx.needInputGrad) return null;
    const m = dy.size / c;
    // dx = coef·(m·dz − dβ − (x·s + t)·dγ) = (coef·m)·dz + (−coef·s·dγ)·x + coef·(−dβ − t·dγ), coef = γ·s/m.
    const coef = Float64Array.from(scale, (v, k) => (ctx.host[0][k] * v) / m);
    const onDz = coef.map((q) => q * m);
    const onX = coef.map((q, k) => -q * scale[k] * dGamma[k]);
    const bias = coef.map((q, k) => q * (-dBeta[k] - shift[k] * dGamma[k]));
    if (simd !== null) return backwardIntoWasm(simd, dy, x, relu ? y : null, onDz, onX, bias);
    return filledTensor([...dy.shape], (out) => backwardInto(hostView(dy), hostView(x), relu ? hostView(y) : null, onDz, onX, bias, out));
  }
}
