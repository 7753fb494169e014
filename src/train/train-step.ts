import { augmentBatch } from '../augment/pipeline';
import { lrFactorAt } from '../optim/lr-schedule';
import { pseudoLabelAlpha } from '../semi/alpha-schedule';
import { applyWeightDecay } from '../optim/weight-decay';
import { BACKGROUND, batchTargets, gatherBatch } from './batches';
import type { EpochTally } from './epoch-tally';
import type { RunState, TrainData } from './run-state';
import { jointGradients, pseudoLabelBatch } from './unlabeled-term';

/** Where a step sits in the run: epoch (from 1), step s of `steps` in it, the epoch's shuffle. */
export interface StepPosition {
  epoch: number;
  step: number;
  steps: number;
  order: Int32Array;
}

/**
 * One optimizer step:
 *   loss = factor · (CE(labeled batch) + α(t) · (1/nU) Σ_i m_i · CE(student_i, ŷ_i))
 * with the schedule's factor on the gradient (src/optim/lr-schedule.ts), then decoupled weight
 * decay, the momentum update, and the EMA. With an unlabeled term both terms share one train-mode
 * pass (src/train/unlabeled-term.ts). Streams are drawn in a fixed order: labeled shuffle (per
 * epoch), labeled augmentation, unlabeled stream, weak view, strong view, dropout (the joint batch).
 */
export function trainStep(state: RunState, data: TrainData, at: StepPosition, tally: EpochTally): void {
  const { config, network, streams } = state;
  const { labeled } = data;
  const start = at.step * config.batchSize;
  const end = Math.min(labeled.count, start + config.batchSize);
  const n = end - start;
  const t = at.epoch - 1 + at.step / at.steps;
  const alpha = config.unlabeled ? pseudoLabelAlpha(t, config.unlabeled.alpha) : 0;
  const factor = lrFactorAt(config.lrSchedule ?? 'constant', t, config.epochs, at.steps);
  const batch = gatherBatch(labeled, at.order, start, end);
  const images = config.labeledAugment
    ? augmentBatch(batch.images, n, labeled.height, labeled.width, config.labeledAugment, streams.augment, BACKGROUND)
    : batch.images;
  const unlabeled = config.unlabeled ? pseudoLabelBatch(state, data.unlabeled!, alpha, tally) : null;
  const labeledRows = { images, targets: batchTargets(batch) };
  const g = unlabeled
    ? jointGradients(network, labeledRows, unlabeled, factor, alpha, streams.dropout)
    : { ...network.gradients({ ...labeledRows, scale: factor / n, rng: streams.dropout, updateBuffers: true }), unlabeledLoss: 0 };
  const unlabeledLoss = g.unlabeledLoss;
  applyWeightDecay(network.parameters, network.info.map((p) => p.decay), config.optimizer.lr, factor, config.weightDecay ?? 0);
  state.optimizer.step(network.parameters, g.grads);
  network.parametersChanged();
  state.ema?.update(network.parameters, network.buffers);
  state.guard.check(g.lossSum / n + alpha * unlabeledLoss, at.epoch, at.step);
  tally.step(alpha, factor, g.lossSum, g.correct);
  if (unlabeled) tally.unlabeledLoss(unlabeledLoss);
}
