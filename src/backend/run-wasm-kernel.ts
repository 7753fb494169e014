/**
 * Runs a wasm kernel by name, directly through tf.getKernel(...).kernelFunc: no engine, no tape.
 *
 * Our wasm gradient kernels are built out of other wasm kernels. Going around the engine records
 * nothing on the tape and skips op-level checks the kernels themselves do not need (the conv2d op
 * refuses stride and dilation both > 1; the Conv2D kernel does not). The caller frees the
 * temporaries it does not return, with backend.disposeData.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type RunWasmKernel = (name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => tf.TensorInfo;

/**
 * Returns a function that runs the wasm kernel `name` on `backend` and returns its one output.
 * Errors name `callerKernel`, the kernel of ours that asked, e.g. "Conv2DBackpropFilter (wasm) needs
 * the wasm kernel 'X', which is not registered".
 */
export function wasmKernelRunner(backend: BackendWasm, callerKernel: string): RunWasmKernel {
  return (name, inputs, attrs) => {
    const config = tf.getKernel(name, 'wasm');
    if (config === undefined) throw new Error(`${callerKernel} (wasm) needs the wasm kernel '${name}', which is not registered`);
    const out = config.kernelFunc({ inputs, backend, attrs });
    if (Array.isArray(out)) throw new Error(`${callerKernel} (wasm): wasm kernel '${name}' returned ${out.length} outputs, expected 1`);
    return out;
  };
}
