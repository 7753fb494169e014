import type { Network } from '../nn/network';
import type { Rng } from '../util/rng';
import { autodiffNetwork } from './autodiff-network';
import { STARTER_CNN, type CnnConfig } from './config';
import { StarterCnn } from './starter-cnn';
import { starterNetwork } from './starter-network';
import { WideCnn, type WideCnnConfig } from './wide-cnn';

/**
 * A network named by a spec string ('starter', 'bn32x64', …) for the layer engine of src/nn/ to
 * resolve. Until the engine is merged only 'starter' resolves (to the course's starter CNN).
 */
export interface SpecModelConfig {
  arch: 'spec';
  spec: string;
}

export type ModelConfig = CnnConfig | WideCnnConfig | SpecModelConfig;

/**
 * The network a config names, built from the init stream: the starter CNN on its hand-written step,
 * or the wide CNN through tfjs autodiff. (The layer engine's specs, e.g. 'bn32x64', resolve here too
 * once src/nn/ has them.) `autodiff` forces the tfjs reference path for the starter as well.
 */
export function buildNetwork(model: ModelConfig, initRng: Rng, options: { autodiff?: boolean } = {}): Network {
  if (model.arch === 'wide') return autodiffNetwork(new WideCnn(model, initRng));
  if (model.arch === 'spec') {
    if (model.spec !== 'starter') throw new Error(`model spec '${model.spec}': specs other than 'starter' are resolved by the layer engine (src/nn/), which this build does not have`);
    return buildNetwork(STARTER_CNN, initRng, options);
  }
  if (options.autodiff) {
    return autodiffNetwork(new StarterCnn(model, initRng));
  }
  return starterNetwork(model, initRng);
}
