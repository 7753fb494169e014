/**
 * Our wasm32+simd128 kernels (the C files beside this one), instantiated on the tfjs wasm
 * backend's own memory, so they read and write tensors in place: a tensor is passed as its byte
 * offset in the heap. Small per-channel arrays (coefficients, float64 sums, dropout masks) are
 * copied into heap blocks from tfjs's malloc for the call (`Scratch`).
 *
 * One instance per tfjs backend (each worker thread has its own backend and heap). Where the
 * backend is not wasm, its heap cannot be imported (the browser builds), or `setSimdKernels(false)`
 * was called (A/B benchmarks, tests of the JavaScript references), `simdKernels()` returns null and
 * the layers run their JavaScript passes.
 */
import * as tf from '@tensorflow/tfjs';
import { KERNELS_WASM_BASE64 } from './kernels-wasm';

type Ptr = number;

/** The C functions, by their export names; every pointer is a byte offset in the tfjs heap, 0 for NULL. */
export interface KernelExports {
  bn_moments(x: Ptr, rows: number, c: number, sum: Ptr, sq: Ptr): void;
  bn_normalize(x: Ptr, out: Ptr, rows: number, c: number, a: Ptr, b: Ptr, relu: number): void;
  bn_backward_sums(g: Ptr, x: Ptr, y: Ptr, rows: number, c: number, scale: Ptr, shift: Ptr, dGamma: Ptr, dBeta: Ptr): void;
  bn_backward_into(g: Ptr, x: Ptr, y: Ptr, rows: number, c: number, onDz: Ptr, onX: Ptr, bias: Ptr, out: Ptr): void;
  relu_backward(g: Ptr, y: Ptr, out: Ptr, rows: number, c: number, sums: Ptr): void;
  channel_sums(t: Ptr, rows: number, c: number, sums: Ptr): void;
  dropout_apply(v: Ptr, mask: Ptr, out: Ptr, size: number, perImage: number, c: number): void;
  max_pool_argmax(a: Ptr, out: Ptr, arg: Ptr, n: number, h: number, w: number, c: number, scale: Ptr): void;
  max_pool_backward(g: Ptr, arg: Ptr, count: number, dx: Ptr, size: number): void;
  im2col_transposed(x: Ptr, geometry: Ptr, out: Ptr): void;
  sgd_step(p: Ptr, g: Ptr, n: number, c: number): void;
  momentum_step(p: Ptr, g: Ptr, a: Ptr, n: number, c: number, mu: number, nesterov: number): void;
  weight_decay(p: Ptr, n: number, c: number): void;
  ema_blend(avg: Ptr, x: Ptr, n: number, keep: number, take: number): void;
  col2im_valid(cols: Ptr, n: number, h: number, w: number, ci: number, k: number, dx: Ptr): void;
  elastic_smooth(dx: Ptr, dy: Ptr, h: number, w: number, k: Ptr, r: number, tmp: Ptr, acc: Ptr, scale: number): void;
}

/** What of the tfjs wasm backend we use: its emscripten module and its tensor table. */
interface WasmBackendAccess {
  wasm: { asm: { memory: WebAssembly.Memory }; _malloc(bytes: number): number; _free(ptr: number): void };
  getMemoryOffset(dataId: object): number;
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): tf.TensorInfo;
}

type HostArray = Float32Array | Float64Array | Int32Array;

/** Heap blocks for one kernel call's small arrays; `free()` returns them all. */
export class Scratch {
  private readonly blocks: Ptr[] = [];

  constructor(private readonly backend: WasmBackendAccess) {}

  /** A heap block holding a copy of `values`. */
  put(values: HostArray): Ptr {
    const ptr = this.alloc(values.byteLength);
    new Uint8Array(this.backend.wasm.asm.memory.buffer, ptr, values.byteLength).set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    return ptr;
  }

  /** A heap block of `n` float64 zeros. */
  zeros64(n: number): Ptr {
    const ptr = this.alloc(8 * n);
    new Float64Array(this.backend.wasm.asm.memory.buffer, ptr, n).fill(0);
    return ptr;
  }

  /** A copy of the `n` float64 values at `ptr`. */
  read64(ptr: Ptr, n: number): Float64Array {
    return new Float64Array(this.backend.wasm.asm.memory.buffer, ptr, n).slice();
  }

  /** Copies the values at `ptr` back into `target` (as many as it holds). */
  readInto(ptr: Ptr, target: Float32Array): void {
    target.set(new Float32Array(this.backend.wasm.asm.memory.buffer, ptr, target.length));
  }

  free(): void {
    for (const p of this.blocks) this.backend.wasm._free(p);
    this.blocks.length = 0;
  }

  private alloc(bytes: number): Ptr {
    const ptr = this.backend.wasm._malloc(Math.max(bytes, 8)) >>> 0;
    if (ptr === 0) throw new Error(`simd kernels: the wasm heap could not allocate ${bytes} bytes`);
    this.blocks.push(ptr);
    return ptr;
  }
}

export interface SimdKernels {
  readonly k: KernelExports;
  /** The heap offset of a tensor's values. */
  offset(t: tf.Tensor | tf.TensorInfo): Ptr;
  /** A new tensor of `shape` for a kernel to fill (its memory is not cleared), and its offset. */
  output(shape: number[], dtype?: 'float32' | 'int32'): { tensor: tf.Tensor; ptr: Ptr };
  /** Runs `body` with a fresh Scratch, freed afterwards. */
  withScratch<T>(body: (s: Scratch) => T): T;
}

let compiled: WebAssembly.Module | null = null;
const instances = new WeakMap<object, SimdKernels | null>();
let enabled = true;

/** Turns our kernels off (JavaScript passes everywhere) or back on, for A/B runs and reference tests. */
export function setSimdKernels(on: boolean): void {
  enabled = on;
}

/**
 * The heap our module can import: the backend's own memory when it exports one that is not shared.
 * Node's tfjs build does; the browser builds do not (the threaded one's memory is shared and
 * imported, and our module is built for unshared memory), so there the layers run their JavaScript
 * passes, which give the same bits.
 */
export function importableMemory(backend: { wasm?: { asm?: { memory?: unknown } } }): WebAssembly.Memory | null {
  const memory = backend.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  return shared ? null : memory;
}

/** The module's bytes, decoded without Node's Buffer so the browser bundle decodes them too. */
function moduleBytes(): Uint8Array {
  const text = atob(KERNELS_WASM_BASE64);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function instantiate(backend: WasmBackendAccess, memory: WebAssembly.Memory): SimdKernels {
  compiled ??= new WebAssembly.Module(moduleBytes());
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  const k = instance.exports as unknown as KernelExports;
  return {
    k,
    offset: (t) => backend.getMemoryOffset(t.dataId),
    output: (shape, dtype = 'float32') => {
      const info = backend.makeOutput(shape, dtype);
      return { ptr: backend.getMemoryOffset(info.dataId), tensor: tf.engine().makeTensorFromTensorInfo(info) };
    },
    withScratch: (body) => {
      const s = new Scratch(backend);
      try {
        return body(s);
      } finally {
        s.free();
      }
    },
  };
}

/** The kernels on the current tfjs backend's heap, or null off wasm, without a heap we can import, or when turned off. */
export function simdKernels(): SimdKernels | null {
  if (!enabled || tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as WasmBackendAccess;
  let kernels = instances.get(backend);
  if (kernels === undefined) {
    const memory = importableMemory(backend);
    kernels = memory === null ? null : instantiate(backend, memory);
    instances.set(backend, kernels);
  }
  return kernels;
}
