import { firstImages } from '../data/split';
import type { Network } from '../nn/network';
import type { Rng } from '../util/rng';
import { withAveragedWeights } from './averaged-weights';
import { RunResources } from './run-resources';
import { restoreCheckpoint, saveCheckpoint, type CheckpointTarget } from './checkpoint';
import { closeEpoch } from './close-epoch';
import { EpochTally, type SemiEpoch } from './epoch-tally';
import { formatEpoch } from './format-epoch';
import { makeProgress, type Progress } from './progress';
import type { EpochRecord } from './records';
import { createRunState, type RunState, type TrainData } from './run-state';
import { labelWithTta, type PoolLabels } from './label-pool';
import { captureState, type NetworkState } from './network-state';
import { trainStep } from './train-step';
import { plural } from '../util/plural';
import { validateTrainerConfig, type TrainerConfig } from './trainer-config';

export interface TrainOptions {
  progress?: Progress;
  /** Called after each epoch, e.g. to stream curves to a notebook. */
  onEpoch?: (record: EpochRecord, semi: SemiEpoch) => void;
  /** Save the full state here after every epoch but the last, and resume from it if it exists. */
  checkpoint?: CheckpointTarget;
  /** Return the trained network (the caller disposes it); by default the trainer disposes it. */
  keepNetwork?: boolean;
  /** Return a copy of the final weights the run evaluates with, for a run that warm-starts from this one. */
  finalState?: boolean;
}

export interface TrainOutcome {
  epochs: EpochRecord[];
  /** The unlabeled term's log per epoch (zeros when the run has none). */
  semi: SemiEpoch[];
  /** Validation predictions of the final network (the EMA's if it evaluates), for paired tests. */
  validationPredictions: Uint8Array;
  /** Epochs restored from a checkpoint rather than trained in this call. */
  resumedEpochs: number;
  /** Training seconds the interrupted processes had spent before this call resumed the run. */
  priorSeconds: number;
  network: Network | null;
  /** The final network's labels for the unlabeled images (config.labelUnlabeled), else null. */
  poolLabels: PoolLabels | null;
  /** The final weights and buffers the run evaluates with (options.finalState), else null. */
  finalState: NetworkState | null;
}

/**
 * The one training loop: labeled minibatches plus an optional unlabeled term (none, Lee's
 * pseudo-labels, FixMatch-style), on any `Network` that `build` makes from the init stream. Every
 * exit (the last epoch, divergence, any error) disposes the network unless the caller keeps it.
 */
export function train(config: TrainerConfig, build: (initRng: Rng) => Network, data: TrainData, seed: number, options: TrainOptions = {}): TrainOutcome {
  validateTrainerConfig(config);
  const progress = options.progress ?? makeProgress();
  // A run a tslab interrupt cut off (no finally runs) is released here, before this one builds its network.
  const run = new RunResources();
  const state = createRunState(config, build, data, seed);
  run.own(state.network);
  let kept = false;
  try {
    const resumedEpochs = options.checkpoint ? restoreCheckpoint(options.checkpoint, state) : 0;
    if (resumedEpochs > 0) progress.line(`${config.name}: resumed from the checkpoint after epoch ${resumedEpochs} (${options.checkpoint!.path})`);
    let validationPredictions = new Uint8Array(0);
    for (let epoch = resumedEpochs + 1; epoch <= config.epochs; epoch++) {
      validationPredictions = trainEpoch(state, data, epoch, progress, options);
      if (options.checkpoint && epoch < config.epochs) saveCheckpoint(options.checkpoint, state);
    }
    const poolLabels = labelPool(state, data, progress);
    const finalState = options.finalState ? captureState(state.network, state.config.ema?.evaluate ? state.ema : null) : null;
    kept = options.keepNetwork === true;
    return { epochs: state.epochs, semi: state.semi, validationPredictions, resumedEpochs, priorSeconds: state.clock.priorSeconds, network: kept ? state.network : null, poolLabels, finalState };
  } finally {
    run.close(kept ? state.network : undefined);
  }
}

/** The teacher's labels for the unlabeled images, made by the weights the run evaluates with. */
function labelPool(state: RunState, data: TrainData, progress: Progress): PoolLabels | null {
  const tta = state.config.labelUnlabeled;
  if (!tta) return null;
  if (!data.unlabeled) throw new Error(`run '${state.config.name}': labelUnlabeled needs unlabeled images, found none`);
  const pool = tta.count === null || tta.count >= data.unlabeled.count ? data.unlabeled : firstImages(data.unlabeled, tta.count);
  progress.line(`${state.config.name}: labelling ${plural(pool.count, "unlabeled image")} (${plural(tta.views, "augmented view")} each)`);
  const evaluator = state.config.ema?.evaluate ? state.ema : null;
  return withAveragedWeights(state.network, evaluator, () => labelWithTta(state.network, pool, tta, state.streams.tta));
}

/** One pass over the labeled images, then the epoch's evaluation and records. */
function trainEpoch(state: RunState, data: TrainData, epoch: number, progress: Progress, options: TrainOptions): Uint8Array {
  const { config, network } = state;
  const started = performance.now();
  const order = state.streams.shuffle.permutation(data.labeled.count);
  const steps = Math.ceil(data.labeled.count / config.batchSize);
  const tally = new EpochTally();
  for (let step = 0; step < steps; step++) {
    trainStep(state, data, { epoch, step, steps, order }, tally);
    progress.tick(Math.min(data.labeled.count, (step + 1) * config.batchSize), data.labeled.count, `${config.name} epoch ${epoch}/${config.epochs}`);
  }
  const trainSeconds = (performance.now() - started) / 1000;
  const pass = { epoch, lossSum: tally.lossSum, correct: tally.correct, count: data.labeled.count, started, trainSeconds };
  const evaluator = config.ema?.evaluate ? state.ema : null;
  const { record, validationPredictions } = withAveragedWeights(network, evaluator, () => closeEpoch(network, data.evalTrain ?? data.labeled, data.validation, pass));
  const semi = tally.semiEpoch(epoch);
  state.epochs.push(record);
  state.semi.push(semi);
  progress.line(formatEpoch(config.name, config.epochs, record, config.unlabeled ? semi : null));
  options.onEpoch?.(record, semi);
  return validationPredictions;
}
