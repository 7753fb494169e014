/** Training backend: picks tfjs-node, wasm (with our Conv2DBackpropFilter) or cpu. */
export { initBackend, currentBackend, BACKEND_NAMES } from './select';
export type { BackendName, BackendInfo } from './select';
export {
  registerWasmConv2DBackpropFilter,
  isWasmConv2DBackpropFilterRegisteredByUs,
  conv2DBackpropFilterWasm,
} from './conv2d-backprop-filter-wasm';
export type { Conv2DBackpropFilterWasmAttrs } from './conv2d-backprop-filter-wasm';
export {
  registerWasmConv2DBackpropInput,
  isWasmConv2DBackpropInputRegisteredByUs,
  conv2DBackpropInputWasm,
} from './conv2d-backprop-input-wasm';
export { registerWasmMaxPoolGrad, maxPoolGradWasm } from './max-pool-grad-wasm';
export { wrapKernels } from './kernel-timer';
export type { KernelStat, KernelTimer } from './kernel-timer';
