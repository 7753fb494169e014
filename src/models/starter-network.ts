import * as tf from '@tensorflow/tfjs';
import type { GradientRequest, GradientResult, Network, ParameterInfo } from '../nn/network';
import { batchGradients } from '../parallel/batch-gradients';
import { predictParallel } from '../parallel/pool';
import type { Rng } from '../util/rng';
import type { CnnConfig } from './config';
import { LAYERS, StarterCnn } from './starter-cnn';
import { drawDropoutMasks } from './starter-cnn-step';
import { plural } from '../util/plural';

/** Weights decay, biases do not (the usual convention, and PyTorch's when parameters are grouped). */
const STARTER_INFO: readonly ParameterInfo[] = LAYERS.flatMap((layer) => {
  const model = { conv1: [5, 5, 1, 10], conv2: [5, 5, 10, 20], fc1: [320, 50], fc2: [50, 10] }[layer];
  return [
    { name: `${layer}/w`, shape: model, decay: true },
    { name: `${layer}/b`, shape: [model[model.length - 1]], decay: false },
  ];
});

/** The starter CNN on the `Network` seam, with its tfjs variables kept for tests and notebooks. */
export interface StarterNetwork extends Network {
  readonly model: StarterCnn;
}

/**
 * The course's starter CNN trained by the hand-written step (src/models/starter-cnn-step.ts) in the
 * fixed shards of src/parallel/batch-gradients.ts, on the worker threads when there are any. Dropout
 * masks come from `request.rng` in the order the step has always drawn them (conv2 then fc1, per
 * batch), so a run takes the same steps as before the trainer was rewritten.
 */
export function starterNetwork(config: CnnConfig, initRng: Rng): StarterNetwork {
  const model = new StarterCnn(config, initRng);
  const parameters = model.variables.map((v) => (v.dataSync() as Float32Array).slice());
  return {
    model,
    classes: 10,
    info: STARTER_INFO,
    parameters,
    buffers: [],
    gradients: (request) => starterGradients(model, parameters, request),
    logProbs: (images) => predictParallel(parameters, config, images, 1000),
    parametersChanged() {
      // Fresh tensors rather than in-place writes: wasm's XNNPACK caches packed weights per tensor.
      tf.tidy(() => model.variables.forEach((v, i) => v.assign(tf.tensor(parameters[i], v.shape))));
    },
    dispose: () => model.dispose(),
  };
}

function starterGradients(model: StarterCnn, parameters: Float32Array[], request: GradientRequest): GradientResult {
  const { images, targets, weights, scale, rng } = request;
  if (targets.kind !== 'hard') throw new Error(`starterNetwork: the hand-written step fits hard labels only, found '${targets.kind}' targets`);
  if (weights && weights.some((w) => w !== 1)) {
    throw new Error('starterNetwork: the hand-written step takes no per-image weights; drop the zero-weight images instead');
  }
  const n = targets.labels.length;
  if (images.length !== n * 784) throw new Error(`starterNetwork: expected ${plural(n, 'image')} of 28x28 (${plural(n * 784, 'value')}), found ${images.length}`);
  const masks = drawDropoutMasks(n, model.config, rng);
  return batchGradients(model.variables, parameters, model.config, images, targets.labels, masks, scale);
}
