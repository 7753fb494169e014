import type { Network } from '../nn/network';
import type { WeightAverage } from '../optim/ema';

/**
 * Runs `body` with the network holding the averaged weights and buffers, then puts the live values
 * back (also when `body` throws), so the EMA can evaluate and label without a second network.
 */
export function withAveragedWeights<T>(network: Network, average: WeightAverage | null, body: () => T): T {
  if (average === null) return body();
  const live = { parameters: network.parameters.map((p) => p.slice()), buffers: network.buffers.map((b) => b.slice()) };
  load(network, average.parameters, average.buffers);
  try {
    return body();
  } finally {
    load(network, live.parameters, live.buffers);
  }
}

function load(network: Network, parameters: readonly Float32Array[], buffers: readonly Float32Array[]): void {
  parameters.forEach((p, i) => network.parameters[i].set(p));
  buffers.forEach((b, i) => network.buffers[i].set(b));
  network.parametersChanged();
}
