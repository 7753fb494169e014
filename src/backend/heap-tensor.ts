/**
 * Host access to float32 tensors without the copies that tf.tensor() and dataSync() make.
 *
 * On wasm a tensor's values live in the module's heap: we can allocate a tensor and fill it in
 * place, or read one through a view. A view is only valid until the next allocation (the heap may
 * grow and detach it), so callers read or fill it at once. Other backends fall back to copies.
 */
import * as tf from '@tensorflow/tfjs';

interface WasmHeapAccess {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

function wasmHeap(): WasmHeapAccess | null {
  if (tf.getBackend() !== 'wasm') return null;
  const b = tf.backend() as unknown as Partial<WasmHeapAccess>;
  return b.makeOutput !== undefined && b.typedArrayFromHeap !== undefined ? (b as WasmHeapAccess) : null;
}

/** The values of a float32 tensor: a heap view on wasm (read it before allocating again), else a copy. */
export function hostView(t: tf.Tensor): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`hostView: expected a float32 tensor, found ${t.dtype}`);
  const heap = wasmHeap();
  return heap !== null ? heap.typedArrayFromHeap(t) : (t.dataSync() as Float32Array);
}

/**
 * A new float32 tensor of `shape` whose values `fill` writes; `fill` must set every value (the
 * memory is not cleared) and must not allocate tensors itself.
 */
export function filledTensor(shape: number[], fill: (values: Float32Array) => void): tf.Tensor {
  const heap = wasmHeap();
  if (heap === null) {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    fill(values);
    return tf.tensor(values, shape);
  }
  const info = heap.makeOutput(shape, 'float32');
  fill(heap.typedArrayFromHeap(info));
  return tf.engine().makeTensorFromTensorInfo(info);
}
