import type { InitializerName } from '../init/initializers';
import { buildNetwork as buildSpecNetwork } from '../nn/build';
import type { Network } from '../nn/network';
import { getSpec } from '../nn/specs';
import { sharedPool } from '../parallel/pool';
import type { Rng } from '../util/rng';
import { autodiffNetwork } from './autodiff-network';
import type { CnnConfig } from './config';
import { StarterCnn } from './starter-cnn';
import { starterNetwork } from './starter-network';
import { WideCnn, type WideCnnConfig } from './wide-cnn';

/**
 * A network named by a spec of the layer engine (src/nn/specs.ts: 'starter', 'bn32x64', … or inline
 * JSON), trained on the engine's layers with the shared worker pool.
 */
export interface SpecModelConfig {
  arch: 'spec';
  spec: string;
  /** Overrides the spec's initializer (e.g. 'xavier-uniform', 'he-normal'). */
  initializer?: InitializerName;
}

export type ModelConfig = CnnConfig | WideCnnConfig | SpecModelConfig;

/**
 * The network a config names, built from the init stream: a spec on the layer engine, the starter
 * CNN on its hand-written step, or the wide CNN through tfjs autodiff. `autodiff` forces the tfjs
 * reference path for the starter as well.
 */
export function buildNetwork(model: ModelConfig, initRng: Rng, options: { autodiff?: boolean } = {}): Network {
  if (model.arch === 'wide') return autodiffNetwork(new WideCnn(model, initRng));
  if (model.arch === 'spec') {
    if (options.autodiff) throw new Error(`model spec '${model.spec}': the layer engine computes its own gradients; the autodiff path exists for the starter and wide CNNs`);
    return buildSpecNetwork(getSpec(model.spec), { rng: initRng, initializer: model.initializer, runner: sharedPool()?.runner ?? null });
  }
  if (options.autodiff) {
    return autodiffNetwork(new StarterCnn(model, initRng));
  }
  return starterNetwork(model, initRng);
}
