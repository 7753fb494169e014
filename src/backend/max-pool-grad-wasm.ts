/**
 * MaxPoolGrad for the wasm backend, in JavaScript over views of the wasm heap (no copies).
 *
 * wasm's own kernel loops over every input pixel and every window that could contain it; for
 * conv1's shape in our CNN ([64,24,24,10], 2x2 stride 2) it cost ~11 ms per batch, more than the
 * forward conv. One pass over the windows, routing each dy to its window's first maximum, is ~20x
 * cheaper. Ties (common: blank MNIST background gives equal conv outputs) go to the first maximum
 * in row-major window order with a strict '>', as in tfjs's cpu kernel and PyTorch, so every
 * backend sends the gradient to the same pixel.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const KERNEL = 'MaxPoolGrad';
const BACKEND = 'wasm';

let builtIn: tf.KernelConfig | undefined;

type PoolAttrs = {
  filterSize: [number, number] | number; strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding; dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

export function maxPoolGradWasm(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as unknown as BackendWasm;
  const { dy, input } = args.inputs as { dy?: tf.TensorInfo; input?: tf.TensorInfo };
  if (dy === undefined || input === undefined) throw new Error(`${KERNEL} (wasm): inputs dy and input are required`);
  const attrs = (args.attrs ?? {}) as unknown as PoolAttrs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32' || input.shape.length !== 4) {
    if (builtIn !== undefined) return builtIn.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
    throw new Error(`${KERNEL} (wasm): expected float32 rank-4 input, found ${input.dtype} [${input.shape}]`);
  }
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  if (dy.shape[0] !== info.batchSize || dy.shape[1] !== info.outHeight || dy.shape[2] !== info.outWidth || dy.shape[3] !== info.inChannels) {
    throw new Error(`${KERNEL} (wasm): dy has shape [${dy.shape}], expected [${info.outShape}] for input [${input.shape}]`);
  }
  const out = backend.makeOutput(input.shape, 'float32');
  // Views only after the allocation, which may grow (and so detach) the heap.
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = info;
  const { top, left } = info.padInfo;
  if (fh === 2 && fw === 2 && sh === 2 && sw === 2 && top === 0 && left === 0 && 2 * OH <= H && 2 * OW <= W) route2x2(x, g, dx, info);
  else routeGeneral(x, g, dx, info);
  return out;
}

/** The CNN's case: disjoint 2x2 windows, all inside the image. */
function route2x2(x: Float32Array, g: Float32Array, dx: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const rowStride = W * C;
  const imageStride = H * rowStride;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let r = 0; r < OH; r++) {
      for (let c = 0; c < OW; c++) {
        const p00 = b * imageStride + 2 * r * rowStride + 2 * c * C;
        for (let d = 0; d < C; d++, o++) {
          const i0 = p00 + d, i1 = i0 + C, i2 = i0 + rowStride, i3 = i2 + C;
          // Same scan as routeGeneral, unrolled: start below every value, strict '>'.
          let best = -1, m = Number.NEGATIVE_INFINITY;
          if (x[i0] > m) { m = x[i0]; best = i0; }
          if (x[i1] > m) { m = x[i1]; best = i1; }
          if (x[i2] > m) { m = x[i2]; best = i2; }
          if (x[i3] > m) { best = i3; }
          if (best >= 0) dx[best] += g[o];
        }
      }
    }
  }
}

/** Any window size, stride and padding: each dy goes to its window's first maximum. */
function routeGeneral(x: Float32Array, g: Float32Array, dx: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const rowStride = W * C;
  const imageStride = H * rowStride;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let r = 0; r < OH; r++) {
      const r0 = r * sh - top;
      const rMin = Math.max(0, r0), rMax = Math.min(H, r0 + fh);
      for (let c = 0; c < OW; c++) {
        const c0 = c * sw - left;
        const cMin = Math.max(0, c0), cMax = Math.min(W, c0 + fw);
        for (let d = 0; d < C; d++, o++) {
          let best = -1, m = Number.NEGATIVE_INFINITY;
          for (let i = rMin; i < rMax; i++) {
            for (let j = cMin; j < cMax; j++) {
              const k = b * imageStride + i * rowStride + j * C + d;
              if (x[k] > m) { m = x[k]; best = k; }
            }
          }
          if (best >= 0) dx[best] += g[o];
        }
      }
    }
  }
}

let registeredByUs = false;

/** Replaces wasm's MaxPoolGrad with ours, once, keeping the built-in as the fallback for other dtypes. */
export function registerWasmMaxPoolGrad(): boolean {
  if (registeredByUs) return true;
  builtIn = tf.getKernel(KERNEL, BACKEND);
  if (builtIn !== undefined) tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel({ kernelName: KERNEL, backendName: BACKEND, setupFunc: builtIn?.setupFunc, kernelFunc: maxPoolGradWasm as unknown as tf.KernelFunc });
  registeredByUs = true;
  return true;
}
