import { validateAugmentConfig, type AugmentConfig } from '../augment/pipeline';
import type { OptimizerConfig } from '../optim/functional';
import { validateConfig } from '../optim/functional';
import { validateSchedule, type LrScheduleSpec } from '../optim/lr-schedule';
import { validateAlphaSchedule, type AlphaSchedule } from '../semi/alpha-schedule';
import type { TtaConfig } from './label-pool';

/**
 * How unlabeled images enter the loss. Pseudo-labels are the arg-max of the teacher's eval-mode
 * prediction on the weak view; the loss is taken on the student view in train mode:
 *   loss = CE(labeled batch) + α(t) · (1/nU) Σ_i m_i · CE(student view of u_i, ŷ_i),  m_i = [p_max ≥ τ].
 * Lee (2013): no views, τ = 0, α ramped. FixMatch-style: weak → strong views, τ = 0.95.
 */
export interface UnlabeledTerm {
  /** Unlabeled images per labeled batch (μ · batchSize in FixMatch's terms). */
  batchSize: number;
  alpha: AlphaSchedule;
  threshold: number;
  /** View the pseudo-label is computed on; null = the image as it is. */
  weakAugment: AugmentConfig | null;
  /** View the loss is taken on; null = the weak view. */
  strongAugment: AugmentConfig | null;
  /** Who labels: the live network (default) or the EMA of its weights (needs `ema`). */
  teacher?: 'model' | 'ema';
}

/** Exponential moving average of the weights (and batch-norm buffers). */
export interface EmaConfig {
  decay: number;
  /** Evaluate (epoch curves, final predictions) with the averaged weights instead of the live ones. */
  evaluate: boolean;
}

/** Everything the trainer needs to know about a run; model choice and naming stay with the caller. */
export interface TrainerConfig {
  name: string;
  batchSize: number;
  /** Passes over the labeled images. */
  epochs: number;
  optimizer: OptimizerConfig;
  /** 'constant', or e.g. 'cosine' (½(1 + cos(π t / epochs)) times every step); see src/optim/lr-schedule.ts. Absent: constant. */
  lrSchedule?: LrScheduleSpec;
  /** Decoupled weight decay λ (src/optim/weight-decay.ts); absent or 0: none. */
  weightDecay?: number;
  /** EMA of the weights for evaluation and/or as the pseudo-label teacher; absent or null: none. */
  ema?: EmaConfig | null;
  /** Augmentation of the labeled minibatch; null = the 3,000 labeled images as they are. */
  labeledAugment: AugmentConfig | null;
  /** How the unlabeled images enter the loss; null = a supervised run. */
  unlabeled: UnlabeledTerm | null;
  /** How many unlabeled images the run may draw from (the first N of a seeded shuffle of the 57,000); null = all. */
  unlabeledPool: number | null;
  /**
   * After the last epoch, label every unlabeled image with the final network (the EMA's if it
   * evaluates) and test-time augmentation, for students to learn from; absent = no labels.
   */
  labelUnlabeled?: TtaConfig;
}

export function validateTrainerConfig(c: TrainerConfig): void {
  const where = `run '${c.name}'`;
  if (!Number.isInteger(c.epochs) || c.epochs < 1) throw new Error(`${where}: epochs must be a positive integer, found ${c.epochs}`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new Error(`${where}: batchSize must be a positive integer, found ${c.batchSize}`);
  validateConfig(c.optimizer);
  validateSchedule(c.lrSchedule ?? 'constant', `${where}: lrSchedule`);
  const wd = c.weightDecay ?? 0;
  if (!(Number.isFinite(wd) && wd >= 0)) throw new Error(`${where}: weightDecay must be a number ≥ 0, found ${wd}`);
  if (c.ema && !(c.ema.decay >= 0 && c.ema.decay < 1)) throw new Error(`${where}: ema.decay must be in [0, 1), found ${c.ema.decay}`);
  if (c.labeledAugment) validateAugmentConfig(c.labeledAugment);
  if (c.unlabeledPool !== null && (!Number.isInteger(c.unlabeledPool) || c.unlabeledPool < 1)) {
    throw new Error(`${where}: unlabeledPool must be null or a positive integer, found ${c.unlabeledPool}`);
  }
  if (c.labelUnlabeled) {
    if (!(Number.isInteger(c.labelUnlabeled.views) && c.labelUnlabeled.views >= 0)) throw new Error(`${where}: labelUnlabeled.views must be an integer ≥ 0, found ${c.labelUnlabeled.views}`);
    validateAugmentConfig(c.labelUnlabeled.augment);
    const n = c.labelUnlabeled.count;
    if (n !== null && !(Number.isInteger(n) && n >= 1)) throw new Error(`${where}: labelUnlabeled.count must be null or a positive integer, found ${n}`);
  }
  const u = c.unlabeled;
  if (!u) return;
  if (!Number.isInteger(u.batchSize) || u.batchSize < 1) throw new Error(`${where}: unlabeled.batchSize must be a positive integer, found ${u.batchSize}`);
  validateAlphaSchedule(u.alpha);
  if (!(u.threshold >= 0 && u.threshold <= 1)) throw new Error(`${where}: unlabeled.threshold must be in [0, 1], found ${u.threshold}`);
  if (u.weakAugment) validateAugmentConfig(u.weakAugment);
  if (u.strongAugment) validateAugmentConfig(u.strongAugment);
  if (u.teacher === 'ema' && !c.ema) throw new Error(`${where}: unlabeled.teacher 'ema' needs an ema section`);
}
