import type { ModelConfig } from './build-network';
import { StarterCnn } from './starter-cnn';
import { WideCnn } from './wide-cnn';
import type { Rng } from '../util/rng';

/** The tfjs layers model a config names. */
export type TfModel = StarterCnn | WideCnn;

/** The tfjs model of a config (for notebooks' architecture tables and the autodiff step cost); training builds a Network instead. */
export function buildModel(config: ModelConfig, rng: Rng): TfModel {
  if (config.arch === 'spec') throw new Error(`buildModel: model spec '${config.spec}' has no tfjs model; use buildNetwork`);
  return config.arch === 'wide' ? new WideCnn(config, rng) : new StarterCnn(config, rng);
}
