/**
 * Conv2DBackpropInput for the wasm backend, rebuilt on wasm's XNNPACK Conv2D.
 *
 * wasm's own kernel is a scalar loop: for conv2's shape in our CNN (dy [64,8,8,20], filter
 * [5,5,10,20]) it took ~54 ms per batch, ~6x the forward conv, and dominated a training step.
 *
 * The input gradient is a full correlation of dy with the spatially flipped, channel-swapped filter:
 *   dx[n,i,j,ci] = sum_{a,b,co} dy[n, (i + padTop - a)/s, (j + padLeft - b)/s, co] * w[a,b,ci,co]
 * (terms with a non-integer or out-of-range index are zero). Writing a = kh-1-a' turns this into
 *   dy --dilate by s (s-1 zeros between rows/cols)--> --pad (kh-1-padTop) top, enough bottom-->
 *   Conv2D(stride 1, 'valid') with w'[a',b',co,ci] = w[kh-1-a', kw-1-b', ci, co]
 * The padding goes into Conv2D's explicit padding (no copy); negative padding, which large
 * user padding or 'ceil' rounding can ask for, becomes a Slice of the dilated dy instead.
 * The dilation is done with rank-4 Reshape + PadV2 only when a stride is > 1.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wasmKernelRunner, type RunWasmKernel } from './run-wasm-kernel';

const KERNEL = 'Conv2DBackpropInput';
const BACKEND = 'wasm';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/** wasm's built-in kernel, kept for NCHW (which its Conv2D cannot do either). */
let builtIn: tf.KernelConfig | undefined;

interface InputGradProblem {
  dy: tf.TensorInfo;
  filter: tf.TensorInfo;
  inputShape: [number, number, number, number];
  info: tf.backend_util.Conv2DInfo;
}

/** Checks inputs and attributes; null means NCHW, which goes to the built-in kernel. */
function readProblem(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap }): InputGradProblem | null {
  const dy = args.inputs.dy as tf.TensorInfo | undefined;
  const filter = args.inputs.filter as tf.TensorInfo | undefined;
  if (dy === undefined || filter === undefined) throw new Error(`${KERNEL} (wasm): inputs dy and filter are required`);
  const attrs = (args.attrs ?? {}) as unknown as Attrs;
  const dataFormat = attrs.dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    if (builtIn !== undefined) return null;
    throw new Error(`${KERNEL} (wasm): attribute dataFormat must be 'NHWC', found ${JSON.stringify(dataFormat)}`);
  }
  for (const [name, t] of [['dy', dy], ['filter', filter]] as const) {
    if (t.shape.length !== 4) throw new Error(`${KERNEL} (wasm): input ${name} must be rank 4, found shape [${t.shape}]`);
    if (t.dtype !== 'float32') throw new Error(`${KERNEL} (wasm): input ${name} must be float32, found ${t.dtype}`);
  }
  const inputShape = attrs.inputShape;
  if (!Array.isArray(inputShape) || inputShape.length !== 4) {
    throw new Error(`${KERNEL} (wasm): attribute inputShape must be [n, h, w, c], found ${JSON.stringify(inputShape)}`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const [n, , , ci] = inputShape;
  const [, , fci, co] = filter.shape;
  if (fci !== ci || dy.shape[0] !== n || dy.shape[1] !== info.outHeight || dy.shape[2] !== info.outWidth || dy.shape[3] !== co) {
    throw new Error(`${KERNEL} (wasm): dy has shape [${dy.shape}], but inputShape [${inputShape}] with filter [${filter.shape}] ` +
      `gives output [${info.outShape}]`);
  }
  return { dy, filter, inputShape, info };
}

export function conv2DBackpropInputWasm(args: { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as unknown as BackendWasm;
  const problem = readProblem(args);
  if (problem === null) return builtIn!.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
  const { dy, filter, inputShape, info } = problem;
  const [n, inH, inW, ci] = inputShape;
  if (n * inH * inW * ci === 0 || info.outHeight * info.outWidth === 0) {
    return backend.makeOutput(inputShape, 'float32', undefined, new Float32Array(n * inH * inW * ci));
  }
  const run = wasmKernelRunner(backend, KERNEL);
  const temps: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo): tf.TensorInfo => (temps.push(t), t);
  try {
    const { d, pad } = paddedDilated(run, keep, dy, inputShape, filter.shape as number[], info);
    const flipped = keep(run('Reverse', { x: filter }, { dims: [0, 1] }));
    const w = keep(run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }));
    return run('Conv2D', { x: d, filter: w }, { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap);
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

type Keep = (t: tf.TensorInfo) => tf.TensorInfo;

/**
 * dy dilated by the strides, with the explicit padding that makes it exactly inH + kh − 1 rows
 * (and likewise columns); where that padding would be negative, a Slice of dy instead.
 */
function paddedDilated(
  run: RunWasmKernel, keep: Keep, dy: tf.TensorInfo, inputShape: number[], filterShape: number[], info: tf.backend_util.Conv2DInfo,
): { d: tf.TensorInfo; pad: tf.backend_util.ExplicitPadding } {
  const [n, inH, inW] = inputShape;
  const [kh, kw, , co] = filterShape;
  let d = dilate(run, keep, dy, info.strideHeight, info.strideWidth);
  const [, dh, dw] = d.shape;
  let top = kh - 1 - info.padInfo.top;
  let left = kw - 1 - info.padInfo.left;
  let bottom = inH + kh - 1 - top - dh;
  let right = inW + kw - 1 - left - dw;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) {
    const begin = [0, Math.max(0, -top), Math.max(0, -left), 0];
    const size = [n, dh - begin[1] - Math.max(0, -bottom), dw - begin[2] - Math.max(0, -right), co];
    d = keep(run('Slice', { x: d }, { begin, size }));
    top = Math.max(0, top); left = Math.max(0, left);
    bottom = Math.max(0, bottom); right = Math.max(0, right);
  }
  return { d, pad: [[0, 0], [top, bottom], [left, right], [0, 0]] };
}

/**
 * s − 1 zeros after every row (and column) of dy: [n,oh,ow,c] -> [n·oh,1,ow·c] pad -> [n,oh·s,ow,c],
 * then columns the same way. The trailing zeros are accounted for in the bottom/right padding.
 */
function dilate(run: RunWasmKernel, keep: Keep, dy: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
  const [n, oh, ow, co] = dy.shape;
  let d = dy;
  let dh = oh;
  if (sh > 1) {
    const r = keep(run('Reshape', { x: d }, { shape: [n * oh, 1, ow * co, 1] }));
    const p = keep(run('PadV2', { x: r }, { paddings: [[0, 0], [0, sh - 1], [0, 0], [0, 0]], constantValue: 0 }));
    dh = oh * sh;
    d = keep(run('Reshape', { x: p }, { shape: [n, dh, ow, co] }));
  }
  if (sw > 1) {
    const r = keep(run('Reshape', { x: d }, { shape: [n * dh * ow, 1, co, 1] }));
    const p = keep(run('PadV2', { x: r }, { paddings: [[0, 0], [0, sw - 1], [0, 0], [0, 0]], constantValue: 0 }));
    d = keep(run('Reshape', { x: p }, { shape: [n, dh, ow * sw, co] }));
  }
  return d;
}

let registeredByUs = false;

/**
 * Replaces wasm's Conv2DBackpropInput with ours, once. Keeps the built-in's setup function, so the
 * built-in (our NCHW fallback) is initialised whether or not the wasm backend is already up.
 */
export function registerWasmConv2DBackpropInput(): boolean {
  if (registeredByUs) return true;
  builtIn = tf.getKernel(KERNEL, BACKEND);
  if (builtIn !== undefined) tf.unregisterKernel(KERNEL, BACKEND);
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: BACKEND,
    setupFunc: builtIn?.setupFunc,
    kernelFunc: conv2DBackpropInputWasm as unknown as tf.KernelFunc,
  });
  registeredByUs = true;
  return true;
}

export function isWasmConv2DBackpropInputRegisteredByUs(): boolean {
  return registeredByUs;
}
