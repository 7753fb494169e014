import { existsSync } from 'node:fs';
import { initBackend } from '../backend/select';
import { concatDatasets, withSoftTargets } from '../data/relabel';
import { firstImages, loadCourseSplit } from '../data/split';
import { buildNetwork, type BuildNetworkOptions } from '../models/build-network';
import { resultKey } from '../results/provenance';
import { buildRunRecord, decodePredictions, decodeProbabilityBytes, readRunRecord, requireSemiLog, type RunRecordWithSemiLog } from '../results/run-record';
import { assertWritableFile, writeJsonAtomic } from '../results/atomic-write';
import { removeCheckpoint } from '../train/checkpoint';
import { makeProgress, type Progress } from '../train/progress';
import type { TrainData } from '../train/run-state';
import { train, type TrainOptions, type TrainOutcome } from '../train/trainer';
import { validateTrainerConfig } from '../train/trainer-config';
import { loadState, type NetworkState } from '../train/network-state';
import { readFinalState, writeFinalState } from './final-state-file';
import { withRunLock } from './run-lock';
import { teacherSeedsOf } from './run-deps';
import type { RunConfig } from './config';
import { currentProfile, resultsDir, type Profile } from './profile';
import { checkpointPath, finalStatePath, runRecordPath } from './result-paths';
import { trainerConfig } from './trainer-config';

export function defaultResultPath(config: RunConfig, seed: number, profile: Profile = currentProfile()): string {
  return runRecordPath(resultsDir(profile), config, seed);
}

/** The key a run's record is saved under; data other than the course split enters it by name. */
export function runKey(config: RunConfig, seed: number, backend: string, data?: TrainData): string {
  const keyed = data ? { ...config, data: data.labeled.name } : config;
  return resultKey({ config: keyed, seed, backend });
}

/**
 * A run config trained on `data` by the one trainer: the config's trainer settings, its model's
 * network drawn from the init stream. `network` picks the starter CNN's reference paths (autodiff,
 * the hand-written step). No record, no reuse: runTraining adds those.
 */
export function trainRunConfig(config: RunConfig, data: TrainData, seed: number, options: TrainOptions & { network?: BuildNetworkOptions; start?: NetworkState } = {}): TrainOutcome {
  const { network, start, ...trainOptions } = options;
  const build = (rng: Parameters<typeof buildNetwork>[1]) => {
    // The init stream is drawn either way, so a warm start leaves every other stream where it was.
    const net = buildNetwork(config.model, rng, network);
    if (!start) return net;
    try {
      loadState(net, start, `run '${config.name}': the final state of '${config.start?.name}'`);
    } catch (err) {
      net.dispose();
      throw err;
    }
    return net;
  };
  return train(trainerConfig(config), build, data, seed, trainOptions);
}

export interface RunOptions {
  out?: string;
  /** Reuse a saved record whose key matches; otherwise (or with retrain) train and save. */
  reuse?: boolean;
  progress?: Progress;
  /** Replaces the course split, e.g. small subsets in tests; its name enters the key. */
  data?: TrainData;
  /** Checkpoint after every epoch beside the record and resume from it (default true). */
  checkpoint?: boolean;
  /** Where a student's teacher record lives (default: the profile's results folder). */
  root?: string;
}

export interface RunOutcome {
  record: RunRecordWithSemiLog;
  reused: boolean;
  path: string;
  /** Epochs taken from a checkpoint of an interrupted run instead of trained by this call. */
  resumedEpochs: number;
}

/**
 * The one runner for every run config: reuse a record whose key matches, else train (resuming from
 * the run's checkpoint if an interrupted process left one), write the record atomically, then
 * remove the checkpoint. A supervised run is one whose config has no unlabeled term; the trainer
 * then never reads the unlabeled images.
 */
export async function runTraining(config: RunConfig, seed: number, options: RunOptions = {}): Promise<RunOutcome> {
  // Before any file is read or a key computed: a typo in a config fails here, not after loading data.
  validateTrainerConfig(trainerConfig(config));
  const backend = await initBackend();
  const path = options.out ?? defaultResultPath(config, seed);
  const key = runKey(config, seed, backend.name, options.data);
  if (options.reuse && existsSync(path)) {
    const saved = readRunRecord(path);
    // A matching key means today's runner wrote it, so it carries the unlabeled log.
    if (saved.key === key) return { record: requireSemiLog(saved, path), reused: true, path, resumedEpochs: 0 };
  }
  assertWritableFile(path, 'result path');
  const start = config.start ? await startState(config, seed, options) : undefined;
  const taught = config.teacher && !options.data ? await teacherLabeledData(config, seed, options) : null;
  const data = options.data ?? taught?.data ?? loadCourseSplit();
  const checkpoint = options.checkpoint === false ? undefined : { path: checkpointPath(path), key };
  const startedAt = new Date();
  const outcome = trainRunConfig(config, data, seed, { progress: options.progress ?? makeProgress(), checkpoint, start, finalState: config.keepFinalState === true });
  const finishedAt = new Date();
  const pool = outcome.poolLabels;
  const unlabeledLabels = pool && data.unlabeled ? { labels: pool.labels, accuracy: agreement(pool.labels, data.unlabeled.labels), probs: pool.probs } : null;
  const record = buildRunRecord({ key, config, seed, backend, startedAt, finishedAt, priorSeconds: outcome.priorSeconds, epochs: outcome.epochs, semi: outcome.semi, validationPredictions: outcome.validationPredictions, unlabeledLabels, teacherEnsemble: taught?.ensemble });
  // The state first: a record on disk then always has its state beside it, unless someone removed it.
  if (outcome.finalState) writeFinalState(finalStatePath(path), key, outcome.finalState);
  writeJsonAtomic(path, record);
  if (checkpoint) removeCheckpoint(checkpoint.path);
  return { record, reused: false, path, resumedEpochs: outcome.resumedEpochs };
}

/** A run this one reads first (its start, a teacher), reused or trained under its own lock. */
function dependency(config: RunConfig, seed: number, options: RunOptions, reuse = options.reuse): Promise<RunOutcome> {
  const out = runRecordPath(options.root ?? resultsDir(currentProfile()), config, seed);
  return withRunLock(out, () => runTraining(config, seed, { reuse, out, progress: options.progress, root: options.root, data: options.data }));
}

/**
 * The final weights of the run `config` starts from, same seed. If its record is current but the
 * weights are gone (they are not committed), the start is trained again: training is deterministic,
 * so that rewrites the same record and recovers the same weights.
 */
async function startState(config: RunConfig, seed: number, options: RunOptions): Promise<NetworkState> {
  const start = config.start!;
  if (!start.keepFinalState) throw new Error(`run config '${config.name}' starts from '${start.name}', which does not keep its final state (keepFinalState)`);
  const first = await dependency(start, seed, options);
  const saved = readFinalState(finalStatePath(first.path), first.record.key);
  if (saved) return saved;
  (options.progress ?? makeProgress()).line(`${start.name} seed ${seed}: the record is current but its final weights (${finalStatePath(first.path)}) are missing; training it again to recover them`);
  const again = await dependency(start, seed, options, false);
  const state = readFinalState(finalStatePath(again.path), again.record.key);
  if (!state) throw new Error(`${finalStatePath(again.path)}: no final state after training '${start.name}' seed ${seed}`);
  return state;
}

/**
 * A student's training data: the labeled images, then the unlabeled images with the soft labels of
 * its teachers (the teacher run of every seed in teacherSeeds, trained first if missing or stale):
 * the mean of their test-time-augmented probabilities. Eval-mode train accuracy is measured on the
 * true labels only; the unlabeled images' true labels only score the ensemble's labels.
 */
async function teacherLabeledData(config: RunConfig, seed: number, options: RunOptions): Promise<{ data: TrainData; ensemble: { seeds: number[]; labelAccuracy: number } }> {
  const teacher = config.teacher!;
  if (!teacher.labelUnlabeled) throw new Error(`run config '${teacher.name}' is a teacher but has no labelUnlabeled section, so it would leave no labels`);
  const seeds = [...teacherSeedsOf(config, seed)];
  const rows: Float32Array[] = [];
  let classes = 0;
  for (const s of seeds) {
    const { record, path } = await dependency(teacher, s, { ...options, data: undefined });
    if (record.unlabeledLabels === undefined || record.unlabeledProbs === undefined) throw new Error(`${path}: the teacher record has no 'unlabeledLabels' or 'unlabeledProbs'`);
    classes = Buffer.from(record.unlabeledProbs, 'base64').length / record.unlabeledLabels.length;
    rows.push(decodeProbabilityBytes(record.unlabeledProbs, classes, path));
    if (rows[rows.length - 1].length !== rows[0].length) throw new Error(`${path}: the teacher of seed ${s} labelled another number of images than the teacher of seed ${seeds[0]}`);
  }
  const mean = meanRows(rows);
  const split = loadCourseSplit();
  const pool = firstImages(split.unlabeled, mean.length / classes, `${split.unlabeled.name}-${mean.length / classes}`);
  const taught = withSoftTargets(pool, mean, classes, `${pool.name}-labeled-by-${teacher.name}-seeds-${seeds.join('+')}`);
  const data = { labeled: concatDatasets(split.labeled, taught, `${split.labeled.name}+${taught.name}`), validation: split.validation, evalTrain: split.labeled };
  return { data, ensemble: { seeds, labelAccuracy: agreement(taught.labels, split.unlabeled.labels) } };
}

/** The element-wise mean of equal-length arrays, summed in array order (so the same inputs give the same bits). */
function meanRows(rows: readonly Float32Array[]): Float32Array {
  const mean = new Float32Array(rows[0].length);
  for (let i = 0; i < mean.length; i++) {
    let sum = 0;
    for (const r of rows) sum += r[i];
    mean[i] = sum / rows.length;
  }
  return mean;
}

/** Share of positions where two label arrays agree (the second may be longer). */
function agreement(labels: Uint8Array, truth: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === truth[i]) same++;
  return same / labels.length;
}
