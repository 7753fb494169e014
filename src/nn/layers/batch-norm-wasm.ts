/**
 * The passes of batch-norm-passes.ts run by our wasm SIMD kernels (src/backend/simd/batch-norm.c)
 * in place on the tfjs heap: same arguments, same order of operations, the same bits (checked by
 * test/nn/batch-norm-wasm.test.ts), without copying the activations out of the heap and back.
 */
import type * as tf from '@tensorflow/tfjs';
import type { SimdKernels } from '../../backend/simd/module';

/** Pixels (rows of c values) in a tensor whose last axis has c values. */
const rowsOf = (t: tf.Tensor, c: number): number => t.size / c;

/** As channelSquareSums. */
export function channelSquareSumsWasm(s: SimdKernels, x: tf.Tensor, c: number): { sum: Float64Array; sq: Float64Array } {
  return s.withScratch((sc) => {
    const sum = sc.zeros64(c), sq = sc.zeros64(c);
    s.k.bn_moments(s.offset(x), rowsOf(x, c), c, sum, sq);
    return { sum: sc.read64(sum, c), sq: sc.read64(sq, c) };
  });
}

/** As normalizeInto, into a new tensor of x's shape. */
export function normalizeWasm(s: SimdKernels, x: tf.Tensor, a: Float64Array, b: Float64Array, relu: boolean): tf.Tensor {
  const c = a.length;
  const out = s.output([...x.shape]);
  s.withScratch((sc) => s.k.bn_normalize(s.offset(x), out.ptr, rowsOf(x, c), c, sc.put(a), sc.put(b), relu ? 1 : 0));
  return out.tensor;
}

/** As backwardSums. */
export function backwardSumsWasm(
  s: SimdKernels, g: tf.Tensor, x: tf.Tensor, y: tf.Tensor | null, scale: Float64Array, shift: Float64Array, c: number,
): { dGamma: Float64Array; dBeta: Float64Array } {
  return s.withScratch((sc) => {
    const dGamma = sc.zeros64(c), dBeta = sc.zeros64(c);
    s.k.bn_backward_sums(s.offset(g), s.offset(x), y === null ? 0 : s.offset(y), rowsOf(g, c), c, sc.put(scale), sc.put(shift), dGamma, dBeta);
    return { dGamma: sc.read64(dGamma, c), dBeta: sc.read64(dBeta, c) };
  });
}

/** As backwardInto, into a new tensor of g's shape. */
export function backwardIntoWasm(
  s: SimdKernels, g: tf.Tensor, x: tf.Tensor, y: tf.Tensor | null, onDz: Float64Array, onX: Float64Array, bias: Float64Array,
): tf.Tensor {
  const c = onDz.length;
  const out = s.output([...g.shape]);
  s.withScratch((sc) => {
    s.k.bn_backward_into(s.offset(g), s.offset(x), y === null ? 0 : s.offset(y), rowsOf(g, c), c, sc.put(onDz), sc.put(onX), sc.put(bias), out.ptr);
  });
  return out.tensor;
}
