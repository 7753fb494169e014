/**
 * ReLU's backward, channel sums and dropout's multiply by our wasm SIMD kernels
 * (src/backend/simd/masks.c), in place on the tfjs heap: the arithmetic of host-loops.ts and of
 * Dropout's JavaScript pass, the same bits (test/nn/masks-wasm.test.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import type { SimdKernels } from '../backend/simd/module';

/** As reluBackwardInto, into a new tensor; biasGrad (when given) is updated in place. */
export function reluBackwardWasm(s: SimdKernels, dy: tf.Tensor, y: tf.Tensor, channels: number, biasGrad: Float64Array | null): tf.Tensor {
  const out = s.output([...dy.shape]);
  s.withScratch((sc) => {
    const sums = biasGrad === null ? 0 : sc.put(biasGrad);
    s.k.relu_backward(s.offset(dy), s.offset(y), out.ptr, dy.size / channels, channels, sums);
    if (biasGrad !== null) biasGrad.set(sc.read64(sums, channels));
  });
  return out.tensor;
}

/** As addChannelSumsOf: sums += Σ over the rows of t. */
export function channelSumsWasm(s: SimdKernels, t: tf.Tensor, channels: number, sums: Float64Array): void {
  s.withScratch((sc) => {
    const p = sc.put(sums);
    s.k.channel_sums(s.offset(t), t.size / channels, channels, p);
    sums.set(sc.read64(p, channels));
  });
}

/**
 * v·mask into a new tensor: one mask value per element (perImage = 0), or c values per image of
 * perImage elements, shared by every position of a channel.
 */
export function dropoutApplyWasm(s: SimdKernels, v: tf.Tensor, mask: Float32Array, perImage: number, c: number): tf.Tensor {
  const out = s.output([...v.shape]);
  s.withScratch((sc) => s.k.dropout_apply(s.offset(v), sc.put(mask), out.ptr, v.size, perImage, c));
  return out.tensor;
}
