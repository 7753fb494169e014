import type * as tf from '@tensorflow/tfjs';
import type { CnnConfig } from '../models/config';
import { type DropoutMasks, sliceMasks, starterCnnGradients, type StepGradients } from '../models/starter-cnn-step';
import { type ParallelPool, sharedPool } from './pool';
import { addGradients, shardBounds } from './shards';

/**
 * Gradients of (sum over the batch of −log p(label)) × `scale` for the starter CNN, computed in the
 * fixed parts of src/parallel/shards.ts: on the pool's threads at once when there is a pool with a
 * thread per part, else one part after another here. Both give the same numbers, bit for bit.
 * `variables` are the model's tensors and `params` the same values on the host (workers get those).
 */
export function batchGradients(
  variables: readonly tf.Tensor[], params: Float32Array[], config: CnnConfig,
  images: Float32Array, labels: Int32Array, masks: DropoutMasks, scale: number,
  pool: ParallelPool | null = sharedPool(),
): StepGradients {
  const bounds = shardBounds(labels.length);
  const parts = bounds.length - 1;
  if (pool !== null && parts > 1 && pool.threads >= parts) {
    return pool.gradients(variables, params, config, images, labels, masks, scale, bounds);
  }
  let total: StepGradients | null = null;
  for (let p = 0; p < parts; p++) {
    const [a, b] = [bounds[p], bounds[p + 1]];
    const part = starterCnnGradients(variables, config, images.subarray(a * 784, b * 784), labels.subarray(a, b), sliceMasks(masks, a, b), scale);
    if (total === null) total = part;
    else addGradients(total, part);
  }
  return total!;
}
