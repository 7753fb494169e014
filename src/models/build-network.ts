import type { InitializerName } from '../init/initializers';
import { buildNetwork as buildSpecNetwork } from '../nn/build';
import type { Network } from '../nn/network';
import { getSpec, starterSpec } from '../nn/specs';
import { sharedPool } from '../parallel/pool';
import type { Rng } from '../util/rng';
import { autodiffNetwork } from './autodiff-network';
import type { CnnConfig } from './config';
import { StarterCnn } from './starter-cnn';
import { starterNetwork } from './starter-network';

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

export type ModelConfig = CnnConfig | SpecModelConfig;

export interface BuildNetworkOptions {
  /** tfjs autodiff and the tfjs layers model: the reference path, and the fallback where the engine does not run. */
  autodiff?: boolean;
  /** The starter CNN's hand-written step (src/models/starter-cnn-step.ts), kept as the engine's A/B reference. */
  handWritten?: boolean;
}

/**
 * The network a config names, built from the init stream. Specs and the starter CNN train on the
 * layer engine (the starter as `starterSpec` of its config, with the same initial weights as the
 * hand-written path draws). `autodiff` and `handWritten` pick the starter's reference paths instead.
 */
export function buildNetwork(model: ModelConfig, initRng: Rng, options: BuildNetworkOptions = {}): Network {
  const runner = sharedPool()?.runner ?? null;
  if (model.arch === 'spec') {
    if (options.autodiff || options.handWritten) throw new Error(`model spec '${model.spec}': the layer engine computes its own gradients; the autodiff and hand-written paths exist for the starter CNN config`);
    return buildSpecNetwork(getSpec(model.spec), { rng: initRng, initializer: model.initializer, runner });
  }
  if (options.autodiff) return autodiffNetwork(new StarterCnn(model, initRng));
  if (options.handWritten) return starterNetwork(model, initRng);
  const spec = starterSpec({ reluOnLogits: model.reluOnLogits, conv2DropRate: model.conv2DropRate, fc1DropRate: model.fc1DropRate });
  return buildSpecNetwork(spec, { rng: initRng, initializer: model.initializer, runner });
}
