/**
 * A network's weights and batch-norm buffers as plain arrays: what a finished run hands to a run that
 * warm-starts from it. Only the weights the run evaluates with are kept (the EMA's, if it evaluates),
 * because those are the network its reported accuracy belongs to.
 */
import type { Network } from '../nn/network';
import type { WeightAverage } from '../optim/ema';
import { withAveragedWeights } from './averaged-weights';

export interface NetworkState {
  parameters: Float32Array[];
  buffers: Float32Array[];
}

/** Copies of the weights and buffers `network` evaluates with (the average's, if one is given). */
export function captureState(network: Network, average: WeightAverage | null): NetworkState {
  return withAveragedWeights(network, average, () => ({
    parameters: network.parameters.map((p) => p.slice()),
    buffers: network.buffers.map((b) => b.slice()),
  }));
}

/** Loads `state` into `network`; every array must match the network's in count and length. */
export function loadState(network: Network, state: NetworkState, where: string): void {
  checkArrays(network.parameters, state.parameters, `${where}: parameters`);
  checkArrays(network.buffers, state.buffers, `${where}: buffers`);
  state.parameters.forEach((p, i) => network.parameters[i].set(p));
  state.buffers.forEach((b, i) => network.buffers[i].set(b));
  network.parametersChanged();
}

function checkArrays(have: readonly Float32Array[], given: readonly Float32Array[], what: string): void {
  if (given.length !== have.length) throw new Error(`${what}: the network has ${have.length} arrays, the saved state ${given.length}`);
  given.forEach((g, i) => {
    if (g.length !== have[i].length) throw new Error(`${what}[${i}]: the network's array holds ${have[i].length} values, the saved state's ${g.length}`);
  });
}
