import { validateAugmentConfig, type AugmentConfig } from '../augment/pipeline';
import { StarterCnn } from '../models/starter-cnn';
import type { CnnConfig } from '../models/config';
import { WideCnn, type WideCnnConfig } from '../models/wide-cnn';
import type { SpecModelConfig } from '../models/build-network';
import type { OptimizerConfig } from '../optim/functional';
import type { LrScheduleSpec } from '../optim/lr-schedule';
import type { EmaConfig, UnlabeledTerm } from '../train/trainer-config';
import type { Rng } from '../util/rng';
import { validateAlphaSchedule } from './alpha-schedule';

export type SemiModelConfig = CnnConfig | WideCnnConfig | SpecModelConfig;
export type SemiModel = StarterCnn | WideCnn;

/** The tfjs model of a config (for notebooks' architecture tables); training builds a Network instead. */
export function buildModel(config: SemiModelConfig, rng: Rng): SemiModel {
  if (config.arch === 'spec') throw new Error(`buildModel: model spec '${config.spec}' has no tfjs model; use buildNetwork`);
  return config.arch === 'wide' ? new WideCnn(config, rng) : new StarterCnn(config, rng);
}

/** How the unlabeled images enter the loss: the trainer's unlabeled term (src/train/trainer-config.ts). */
export type UnlabeledConfig = UnlabeledTerm;

/**
 * One semi-supervised (or, with unlabeled = null, labeled-only reference) run. An epoch is one
 * pass over the labeled images; every labeled minibatch is paired with one unlabeled minibatch.
 */
export interface SemiConfig {
  name: string;
  title: string;
  method: 'supervised' | 'pseudo-label' | 'fixmatch';
  model: SemiModelConfig;
  optimizer: OptimizerConfig;
  /** 'cosine' multiplies every gradient by ½(1 + cos(π t / epochs)), so the last steps are small; see src/optim/lr-schedule.ts for step schedules and warm-up. */
  lrSchedule: LrScheduleSpec;
  /** Decoupled weight decay λ (src/optim/weight-decay.ts); absent = none. */
  weightDecay?: number;
  /** EMA of the weights for evaluation and/or as the pseudo-label teacher; absent = none. */
  ema?: EmaConfig | null;
  batchSize: number;
  epochs: number;
  /** Augmentation of the labeled minibatch; null = none. */
  labeledAugment: AugmentConfig | null;
  unlabeled: UnlabeledConfig | null;
  /** How many unlabeled images the run may draw from (the first N of a seeded shuffle of the 57,000); null = all. */
  unlabeledPool: number | null;
  stopping: { kind: 'fixed-epochs' };
}

export function validateSemiConfig(c: SemiConfig): void {
  const where = `semi config '${c.name}'`;
  if (!Number.isInteger(c.epochs) || c.epochs < 1) throw new Error(`${where}: epochs must be a positive integer, found ${c.epochs}`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new Error(`${where}: batchSize must be a positive integer, found ${c.batchSize}`);
  if (c.labeledAugment) validateAugmentConfig(c.labeledAugment);
  if ((c.method === 'supervised') !== (c.unlabeled === null)) {
    throw new Error(`${where}: method '${c.method}' ${c.method === 'supervised' ? 'must not' : 'must'} have an unlabeled section`);
  }
  if (c.unlabeledPool !== null && (!Number.isInteger(c.unlabeledPool) || c.unlabeledPool < 1)) {
    throw new Error(`${where}: unlabeledPool must be null or a positive integer, found ${c.unlabeledPool}`);
  }
  const u = c.unlabeled;
  if (u) {
    if (!Number.isInteger(u.batchSize) || u.batchSize < 1) throw new Error(`${where}: unlabeled.batchSize must be a positive integer, found ${u.batchSize}`);
    validateAlphaSchedule(u.alpha);
    if (!(u.threshold >= 0 && u.threshold <= 1)) throw new Error(`${where}: unlabeled.threshold must be in [0, 1], found ${u.threshold}`);
    if (u.weakAugment) validateAugmentConfig(u.weakAugment);
    if (u.strongAugment) validateAugmentConfig(u.strongAugment);
  }
}
