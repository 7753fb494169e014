/**
 * Conv2DBackpropFilter for the wasm backend, which ships without it.
 *
 * Without this kernel, training any conv layer on wasm fails ("Kernel 'Conv2DBackpropFilter' not
 * registered for backend 'wasm'"), and the cpu backend's plain-JS loop takes seconds per batch.
 *
 * The filter gradient is a correlation of the input with the output gradient:
 *   dW[kh,kw,ci,co] = sum_{n,oh,ow} x[n, oh*s + kh*d - padTop, ow*s + kw*d - padLeft, ci] * dy[n,oh,ow,co]
 * computed by whichever of two formulations is faster for the filter's size: one matrix product
 * over im2col(x) for few taps (filter-grad-im2col.ts), a forward Conv2D otherwise
 * (filter-grad-as-conv.ts). Both run on XNNPACK.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { filterGradAsConv } from './filter-grad-as-conv';
import { filterGradIm2col, IM2COL_MAX_TAPS } from './filter-grad-im2col';
import type { Im2colGeometry } from './im2col';
import { wasmKernelRunner } from './run-wasm-kernel';

const KERNEL = 'Conv2DBackpropFilter';
const BACKEND = 'wasm';

/** The kernel's attributes; `dilations` is our extension (tfjs's conv2d gradient never sets it). */
export interface Conv2DBackpropFilterWasmAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
  dilations?: [number, number] | number;
}

function pair(v: [number, number] | number | undefined, name: string, fallback: number): [number, number] {
  const p: [number, number] = v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((k) => Number.isInteger(k) && k >= 1)) {
    throw new Error(`${KERNEL} (wasm): attribute ${name} must be a positive integer or a pair of them, found ${JSON.stringify(v)}`);
  }
  return p;
}

interface FilterGradProblem {
  x: tf.TensorInfo;
  dy: tf.TensorInfo;
  filterShape: [number, number, number, number];
  geometry: Im2colGeometry;
}

/** Checks inputs and attributes and works out the convolution's geometry. */
function readProblem(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap }): FilterGradProblem {
  const x = args.inputs.x as tf.TensorInfo | undefined;
  const dy = args.inputs.dy as tf.TensorInfo | undefined;
  if (x === undefined || dy === undefined) throw new Error(`${KERNEL} (wasm): inputs x and dy are required`);
  const attrs = (args.attrs ?? {}) as unknown as Conv2DBackpropFilterWasmAttrs;
  const { pad, dimRoundingMode, filterShape } = attrs;
  // tfjs spells channels-last two ways: 'NHWC' on kernels, 'channelsLast' inside convInfo.
  const dataFormat = attrs.dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`${KERNEL} (wasm): attribute dataFormat must be 'NHWC' (or 'channelsLast'), found ${JSON.stringify(dataFormat)}`);
  }
  for (const [name, t] of [['x', x], ['dy', dy]] as const) {
    if (t.shape.length !== 4) throw new Error(`${KERNEL} (wasm): input ${name} must be rank 4 (NHWC), found shape [${t.shape}]`);
    if (t.dtype !== 'float32') throw new Error(`${KERNEL} (wasm): input ${name} must be float32, found ${t.dtype}`);
  }
  if (!Array.isArray(filterShape) || filterShape.length !== 4) {
    throw new Error(`${KERNEL} (wasm): attribute filterShape must be [kh, kw, ci, co], found ${JSON.stringify(filterShape)}`);
  }
  const [sh, sw] = pair(attrs.strides, 'strides', 1);
  const [dh, dw] = pair(attrs.dilations, 'dilations', 1);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, [sh, sw], [dh, dw], pad, dimRoundingMode, false, 'channelsLast');
  const [n, h, w, ci] = x.shape;
  const [kh, kw, , co] = filterShape;
  const [dyN, oh, ow, dyC] = dy.shape;
  if (dyN !== n || oh !== info.outHeight || ow !== info.outWidth || dyC !== co || filterShape[2] !== ci) {
    throw new Error(`${KERNEL} (wasm): dy has shape [${dy.shape}], but x [${x.shape}] with filterShape [${filterShape}] ` +
      `gives output [${info.outShape}]`);
  }
  const { top, left } = info.padInfo;
  return { x, dy, filterShape, geometry: { n, h, w, ci, kh, kw, oh, ow, sh, sw, dh, dw, top, left } };
}

export function conv2DBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as unknown as BackendWasm;
  const { x, dy, filterShape, geometry: g } = readProblem(args);
  const taps = g.kh * g.kw * g.ci, co = filterShape[3];
  if (g.n * g.oh * g.ow === 0) return backend.makeOutput(filterShape, 'float32', undefined, new Float32Array(taps * co));
  const run = wasmKernelRunner(backend, KERNEL);
  if (taps <= IM2COL_MAX_TAPS) return filterGradIm2col(backend, run, x, dy, g, filterShape);
  return filterGradAsConv(backend, run, x, dy, g, co);
}

let registeredByUs = false;

/**
 * Registers the kernel for 'wasm' once; later calls do nothing. Returns true if our kernel is the
 * one registered (false if some other code, e.g. a future tfjs, registered its own first).
 */
export function registerWasmConv2DBackpropFilter(): boolean {
  if (registeredByUs) return true;
  if (tf.getKernel(KERNEL, BACKEND) !== undefined) return false;
  tf.registerKernel({ kernelName: KERNEL, backendName: BACKEND, kernelFunc: conv2DBackpropFilterWasm as unknown as tf.KernelFunc });
  registeredByUs = true;
  return true;
}

export function isWasmConv2DBackpropFilterRegisteredByUs(): boolean {
  return registeredByUs;
}
