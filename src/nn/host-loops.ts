/**
 * Cheap element-wise passes shared by several layers: on wasm our SIMD kernels run them in place on
 * the heap (masks-wasm.ts), elsewhere the JavaScript loops here do, on copies. The loops are also
 * the references the kernels are tested against.
 */
import * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../backend/heap-tensor';
import { plural } from '../util/plural';
import { simdKernels } from '../backend/simd/module';
import { channelSumsWasm, reluBackwardWasm } from './masks-wasm';

/** out = g·[a > 0] (+0 where masked); biasGrad, when given, += Σ out per channel (last axis `channels` wide). */
export function reluBackwardInto(g: Float32Array, a: Float32Array, channels: number, biasGrad: Float64Array | null, out: Float32Array): void {
  for (let i = 0, c = 0; i < out.length; i++, c = c + 1 === channels ? 0 : c + 1) {
    const v = a[i] > 0 ? g[i] : 0;
    out[i] = v;
    if (biasGrad !== null) biasGrad[c] += v;
  }
}

/** sums += Σ over all rows of g (last axis `channels` wide). */
export function addChannelSumsOf(g: Float32Array, channels: number, sums: Float64Array): void {
  for (let i = 0, c = 0; i < g.length; i++, c = c + 1 === channels ? 0 : c + 1) sums[c] += g[i];
}

/**
 * dz = dy · [y > 0] (the backward of a ReLU fused into the layer that produced y); when `biasGrad`
 * is given, also adds Σ dz per channel (the last axis has `channels` values) into it.
 */
export function reluBackward(dy: tf.Tensor, y: tf.Tensor, channels: number, biasGrad: Float64Array | null): tf.Tensor {
  const simd = simdKernels();
  if (simd !== null) return reluBackwardWasm(simd, dy, y, channels, biasGrad);
  return filledTensor([...dy.shape], (out) => reluBackwardInto(hostView(dy), hostView(y), channels, biasGrad, out));
}

/** Adds Σ over all rows of t (last axis `channels` wide) into `sums`. */
export function addChannelSums(t: tf.Tensor, channels: number, sums: Float64Array): void {
  const simd = simdKernels();
  if (simd !== null) channelSumsWasm(simd, t, channels, sums);
  else addChannelSumsOf(hostView(t), channels, sums);
}

/** Copies a float64 accumulator into a float32 gradient array. */
export function store(target: Float32Array, source: Float64Array): void {
  if (target.length !== source.length) throw new Error(`nn: gradient of ${plural(target.length, 'value')} received ${source.length}`);
  for (let i = 0; i < source.length; i++) target[i] = source[i];
}

/** Copies a tensor's values into a gradient array of the same size. */
export function storeTensor(target: Float32Array, t: tf.Tensor): void {
  const v = hostView(t);
  if (v.length !== target.length) throw new Error(`nn: gradient of ${plural(target.length, 'value')} received a tensor of ${v.length}`);
  target.set(v);
}
