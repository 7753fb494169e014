import type { ModelConfig } from '../models/build-network';
import { planLayers } from '../nn/plan';
import type { ModelSpec } from '../nn/spec';
import { getSpec, starterSpec } from '../nn/specs';

/** How many float32 values each parameter and each buffer of a model holds, in the network's order. */
export interface ModelSizes {
  parameters: number[];
  buffers: number[];
}

/** The layer-engine spec a model config trains as. */
export function specOfModel(model: ModelConfig): ModelSpec {
  return model.arch === 'spec'
    ? getSpec(model.spec)
    : starterSpec({ reluOnLogits: model.reluOnLogits, conv2DropRate: model.conv2DropRate, fc1DropRate: model.fc1DropRate });
}

/**
 * The sizes a model's arrays will have, from its spec's plan alone (no tensor is allocated), so a
 * checkpoint can be checked against them before the network is built.
 */
export function modelSizes(model: ModelConfig): ModelSizes {
  const { layers } = planLayers(specOfModel(model));
  return {
    parameters: layers.flatMap((l) => l.params.map((p) => p.shape.reduce((a, b) => a * b, 1))),
    buffers: layers.flatMap((l) => l.buffers.map((b) => b.size)),
  };
}
