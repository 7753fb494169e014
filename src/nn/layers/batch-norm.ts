/**
 * Batch normalization over the last axis of [n, c] or [n, h, w, c] activations, as PyTorch's
 * BatchNorm1d/2d: train mode normalizes with the batch's mean and biased variance and reports the
 * batch mean and *unbiased* variance (the network folds them into the running estimates with
 * momentum 0.1); eval mode uses the running estimates. eps = 1e-5. A following ReLU may be fused in.
 *
 * Backward, with x̂ = (x − μ)·s, s = 1/√(σ² + eps), m values per channel and dz = dy·[y > 0]:
 *   dγ = Σ dz·x̂,  dβ = Σ dz,  dx = γ·s/m · (m·dz − dβ − x̂·dγ)
 */
import type * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../../backend/heap-tensor';
import { store } from '../host-loops';
import type { BackwardContext, ForwardContext, Layer, ParamDecl } from '../layer';

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
  private xhat: Float32Array | null = null;
  private invStd: Float64Array | null = null;
  private y: tf.Tensor | null = null;

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
    let scale: Float64Array, shift: Float64Array;
    if (ctx.train) {
      const { mean, varBiased, m } = this.moments(hostView(x));
      const invStd = varBiased.map((v) => 1 / Math.sqrt(v + BN_EPS));
      ctx.stats.push(Float32Array.from(mean), Float32Array.from(varBiased, (v) => (m > 1 ? (v * m) / (m - 1) : v)));
      this.invStd = invStd;
      scale = invStd;
      shift = mean.map((mu, k) => -mu * invStd[k]);
      this.xhat = new Float32Array(x.size);
    } else {
      const [rm, rv] = ctx.buffers;
      scale = Float64Array.from(rv, (v) => 1 / Math.sqrt(v + BN_EPS));
      shift = Float64Array.from(rm, (mu, k) => -mu * scale[k]);
    }
    const xhat = ctx.train ? this.xhat : null;
    const relu = this.relu;
    // Per-channel coefficients in plain (not shared) arrays, channels as the inner loop: V8 reads
    // SharedArrayBuffer-backed arrays more slowly, and this pass runs over every activation.
    const a = Float64Array.from(scale, (v, k) => gamma[k] * v), b = Float64Array.from(shift, (v, k) => gamma[k] * v + beta[k]);
    const y = filledTensor([...x.shape], (out) => {
      const v = hostView(x);
      for (let o = 0; o < v.length; o += c) {
        for (let k = 0; k < c; k++) {
          const i = o + k;
          if (xhat !== null) xhat[i] = v[i] * scale[k] + shift[k];
          const z = v[i] * a[k] + b[k];
          out[i] = relu && !(z > 0) ? 0 : z;
        }
      }
    });
    if (ctx.train) this.y = y;
    return y;
  }

  /** Per-channel mean and biased variance (two passes, float64). */
  private moments(v: Float32Array): { mean: Float64Array; varBiased: Float64Array; m: number } {
    const c = this.c, m = v.length / c;
    const mean = new Float64Array(c), sq = new Float64Array(c);
    for (let i = 0, k = 0; i < v.length; i++, k = k + 1 === c ? 0 : k + 1) mean[k] += v[i];
    for (let k = 0; k < c; k++) mean[k] /= m;
    for (let i = 0, k = 0; i < v.length; i++, k = k + 1 === c ? 0 : k + 1) {
      const d = v[i] - mean[k];
      sq[k] += d * d;
    }
    return { mean, varBiased: sq.map((s) => s / m), m };
  }

  backward(dy: tf.Tensor, ctx: BackwardContext): tf.Tensor | null {
    const { xhat, invStd, y, c } = this;
    if (xhat === null || invStd === null || y === null) throw new Error('BatchNorm.backward: no train-mode forward pass to differentiate');
    const dGamma = new Float64Array(c), dBeta = new Float64Array(c);
    const g = hostView(dy), a = this.relu ? hostView(y) : null;
    for (let o = 0; o < g.length; o += c) {
      for (let k = 0; k < c; k++) {
        const i = o + k;
        if (a !== null && !(a[i] > 0)) continue;
        dBeta[k] += g[i];
        dGamma[k] += g[i] * xhat[i];
      }
    }
    store(ctx.grads[0], dGamma);
    store(ctx.grads[1], dBeta);
    this.xhat = this.invStd = null;
    this.y = null;
    if (!ctx.needInputGrad) return null;
    const m = g.length / c;
    const relu = this.relu;
    const coef = Float64Array.from(invStd, (v, k) => (ctx.host[0][k] * v) / m);
    return filledTensor([...dy.shape], (out) => {
      const gv = hostView(dy), av = relu ? hostView(y) : null;
      for (let o = 0; o < gv.length; o += c) {
        for (let k = 0; k < c; k++) {
          const i = o + k;
          const dz = av !== null && !(av[i] > 0) ? 0 : gv[i];
          out[i] = coef[k] * (m * dz - dBeta[k] - xhat[i] * dGamma[k]);
        }
      }
    });
  }
}
