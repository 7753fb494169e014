import type { Dataset } from '../data/split';
import type { Network } from '../nn/network';
import { WeightAverage } from '../optim/ema';
import { HostOptimizer } from '../optim/host-optimizer';
import { samplePool, UnlabeledStream } from '../semi/unlabeled-stream';
import type { Rng } from '../util/rng';
import { DivergenceGuard } from './divergence';
import type { SemiEpoch } from './epoch-tally';
import { runStreams, type RunStreams } from './random-streams';
import type { EpochRecord } from './records';
import type { TrainerConfig } from './trainer-config';

export interface TrainData {
  labeled: Dataset;
  validation: Dataset;
  /** Labels are present but never reach the loss: they only measure how good the pseudo-labels are. */
  unlabeled?: Dataset | null;
  /**
   * The images the epoch's eval-mode train accuracy is measured on; absent = all of `labeled`.
   * A student trained on 60,000 teacher-labeled images is measured on the 3,000 true labels: they
   * are what "train accuracy" should mean, and evaluating 60,000 images every epoch costs minutes.
   */
  evalTrain?: Dataset;
}

/** Everything a run carries from step to step; a checkpoint is this, written down. */
export interface RunState {
  readonly config: TrainerConfig;
  readonly network: Network;
  readonly optimizer: HostOptimizer;
  readonly ema: WeightAverage | null;
  readonly streams: RunStreams;
  readonly unlabeledStream: UnlabeledStream | null;
  readonly guard: DivergenceGuard;
  readonly epochs: EpochRecord[];
  readonly semi: SemiEpoch[];
  /** When this process began the run, and the training seconds an interrupted process spent on it before (from its checkpoint). */
  readonly clock: { started: number; priorSeconds: number };
}

/**
 * The state at the start of a run: streams forked from the seed, the network built from the init
 * stream, the unlabeled pool drawn. If anything after the build throws, the network is disposed.
 */
export function createRunState(config: TrainerConfig, build: (initRng: Rng) => Network, data: TrainData, seed: number): RunState {
  const streams = runStreams(seed);
  const network = build(streams.init);
  try {
    const unlabeled = config.unlabeled ? requireUnlabeled(config, data) : null;
    return {
      config,
      network,
      optimizer: new HostOptimizer(config.optimizer, network.parameters.map((p) => p.length)),
      ema: config.ema ? new WeightAverage(config.ema.decay, network.parameters, network.buffers) : null,
      streams,
      unlabeledStream: unlabeled ? new UnlabeledStream(samplePool(unlabeled.count, config.unlabeledPool, streams.pool), streams.stream) : null,
      guard: new DivergenceGuard(config.name),
      epochs: [],
      semi: [],
      clock: { started: performance.now(), priorSeconds: 0 },
    };
  } catch (err) {
    network.dispose();
    throw err;
  }
}

function requireUnlabeled(config: TrainerConfig, data: TrainData): Dataset {
  if (!data.unlabeled || data.unlabeled.count === 0) throw new Error(`run '${config.name}': the unlabeled term needs unlabeled images, found none`);
  return data.unlabeled;
}
