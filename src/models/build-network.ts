import type { Network } from '../nn/network';
import type { Rng } from '../util/rng';
import { autodiffNetwork } from './autodiff-network';
import type { CnnConfig } from './config';
import { StarterCnn } from './starter-cnn';
import { starterNetwork } from './starter-network';
import { WideCnn, type WideCnnConfig } from './wide-cnn';

export type ModelConfig = CnnConfig | WideCnnConfig;

/**
 * The network a config names, built from the init stream: the starter CNN on its hand-written step,
 * or the wide CNN through tfjs autodiff. (The layer engine's specs, e.g. 'bn32x64', resolve here too
 * once src/nn/ has them.) `autodiff` forces the tfjs reference path for the starter as well.
 */
export function buildNetwork(model: ModelConfig, initRng: Rng, options: { autodiff?: boolean } = {}): Network {
  if (model.arch === 'wide') return autodiffNetwork(new WideCnn(model, initRng));
  if (options.autodiff) {
    return autodiffNetwork(new StarterCnn(model, initRng));
  }
  return starterNetwork(model, initRng);
}
