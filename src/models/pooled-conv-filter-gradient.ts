import { plural } from '../util/plural';
/**
 * The filter and bias gradients of a 'valid', stride-1 k×k convolution on a single-channel image,
 * followed by ReLU and a 2×2 max-pool (conv1 of the starter CNN), straight from the pooled gradient.
 *
 * Max-pooling passes each window's gradient to one position (its arg-max), and ReLU drops the
 * windows whose maximum is not positive, so at most a quarter of the convolution's output gradient
 * is non-zero. A dense filter-gradient convolution multiplies all of it (through XNNPACK with a
 * 24×24 "filter" that it repacks on every call); here each surviving pooled gradient g at output
 * position (b, y, x, c) adds g · x[b, y+a, x+e] to dW[a, e, 0, c]: k² multiply-adds per value.
 */
export interface PooledConvShape {
  /** Input images [n, h, w, 1]. */
  n: number;
  h: number;
  w: number;
  /** Filter size and output channels. */
  k: number;
  co: number;
}

/**
 * `g`, `pooled` and `arg` are aligned with the pooled map [n, oh/2, ow/2, co] (oh = h − k + 1): the
 * gradient reaching each pooled value, the value itself (post-ReLU), and the flat index into the
 * conv output [n, oh, ow, co] of its window's maximum. Returns dW in the filter layout [k, k, 1, co]
 * and adds the bias gradient (the same contributions summed per channel) into `biasGrad`.
 */
export function pooledConvFilterGradient(
  x: Float32Array, shape: PooledConvShape, g: Float32Array, pooled: Float32Array, arg: Int32Array, biasGrad: Float64Array,
): Float32Array {
  const { n, h, w, k, co } = shape;
  const oh = h - k + 1, ow = w - k + 1;
  const ph = oh >> 1, pw = ow >> 1;
  if (x.length !== n * h * w) throw new Error(`pooledConvFilterGradient: expected ${plural(n, 'image')} of ${h}x${w}x1 (${plural(n * h * w, 'value')}), found ${x.length}`);
  const pooledSize = n * ph * pw * co;
  if (g.length !== pooledSize || pooled.length !== pooledSize || arg.length !== pooledSize) {
    throw new Error(`pooledConvFilterGradient: g, pooled and arg must each hold ${plural(pooledSize, 'value')}, found ${g.length}, ${pooled.length}, ${arg.length}`);
  }
  if (biasGrad.length !== co) throw new Error(`pooledConvFilterGradient: biasGrad must hold ${plural(co, 'value')}, found ${biasGrad.length}`);
  const dW = new Float32Array(k * k * co);
  const acc = new Float64Array(k * k);
  const rowStride = ow * co; // arg offset of the window's lower row
  // One channel at a time, so its k² sums stay in a small array; the window's corner is tracked
  // incrementally and the arg-max found as one of its four offsets, with no divisions.
  for (let c = 0; c < co; c++) {
    acc.fill(0);
    let bias = 0;
    for (let b = 0; b < n; b++) {
      for (let pi = 0; pi < ph; pi++) {
        let o = (b * ph + pi) * pw * co + c;
        let corner = (b * oh + 2 * pi) * ow * co + c;
        let s0 = (b * h + 2 * pi) * w;
        for (let pj = 0; pj < pw; pj++, o += co, corner += 2 * co, s0 += 2) {
          if (!(pooled[o] > 0)) continue;
          const v = g[o];
          const delta = arg[o] - corner;
          bias += v;
          let s = s0 + (delta >= rowStride ? w : 0) + (delta % rowStride !== 0 ? 1 : 0);
          if (k === 5) {
            // Written out for the starter CNN's 5×5 filters: twice as fast as the loop below in V8.
            for (let p = 0; p < 25; p += 5, s += w) {
              acc[p] += v * x[s]; acc[p + 1] += v * x[s + 1]; acc[p + 2] += v * x[s + 2]; acc[p + 3] += v * x[s + 3]; acc[p + 4] += v * x[s + 4];
            }
          } else {
            for (let a = 0, p = 0; a < k; a++, s += w) {
              for (let e = 0; e < k; e++, p++) acc[p] += v * x[s + e];
            }
          }
        }
      }
    }
    biasGrad[c] += bias;
    for (let p = 0; p < k * k; p++) dW[p * co + c] = acc[p];
  }
  return dW;
}
