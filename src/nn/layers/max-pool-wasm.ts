/**
 * Max-pooling with arg-max and its gradient by our wasm SIMD kernels (src/backend/simd/max-pool.c),
 * in place on the tfjs heap: the arithmetic of maxPool2x2Argmax (src/nn/pool-argmax.ts) and of
 * MaxPool.backward's scatter, the same bits (test/nn/max-pool-wasm.test.ts). The arg-max indices
 * stay on the heap too, as an int32 tensor that the step's tidy disposes like any activation.
 */
import type * as tf from '@tensorflow/tfjs';
import type { SimdKernels } from '../../backend/simd/module';

/** 2×2 stride-2 pooling of x [n, h, w, c]: the pooled tensor and the flat input index of each window's first maximum. */
export function maxPoolArgmaxWasm(s: SimdKernels, x: tf.Tensor): { pooled: tf.Tensor; arg: tf.Tensor } {
  const [n, h, w, c] = x.shape;
  const shape = [n, h >> 1, w >> 1, c];
  const pooled = s.output(shape), arg = s.output(shape, 'int32');
  s.k.max_pool_argmax(s.offset(x), pooled.ptr, arg.ptr, n, h, w, c, 0);
  return { pooled: pooled.tensor, arg: arg.tensor };
}

/** dx of `inputShape`: zeros, but dy[o] at arg[o]. */
export function maxPoolBackwardWasm(s: SimdKernels, dy: tf.Tensor, arg: tf.Tensor, inputShape: number[]): tf.Tensor {
  const dx = s.output(inputShape);
  s.k.max_pool_backward(s.offset(dy), s.offset(arg), dy.size, dx.ptr, inputShape.reduce((a, b) => a * b, 1));
  return dx.tensor;
}
