import { existsSync } from 'node:fs';
import { initBackend } from '../backend/select';
import { concatDatasets, withLabels } from '../data/relabel';
import { firstImages, loadCourseSplit } from '../data/split';
import { buildNetwork, type BuildNetworkOptions } from '../models/build-network';
import { resultKey } from '../results/provenance';
import { buildRunRecord, decodePredictions, readRunRecord, requireSemiLog, type RunRecordWithSemiLog } from '../results/run-record';
import { assertWritableFile, writeJsonAtomic } from '../results/atomic-write';
import { removeCheckpoint } from '../train/checkpoint';
import { makeProgress, type Progress } from '../train/progress';
import type { TrainData } from '../train/run-state';
import { train, type TrainOptions, type TrainOutcome } from '../train/trainer';
import { validateTrainerConfig } from '../train/trainer-config';
import type { RunConfig } from './config';
import { currentProfile, resultsDir, type Profile } from './profile';
import { checkpointPath, runRecordPath } from './result-paths';
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
export function trainRunConfig(config: RunConfig, data: TrainData, seed: number, options: TrainOptions & { network?: BuildNetworkOptions } = {}): TrainOutcome {
  const { network, ...trainOptions } = options;
  return train(trainerConfig(config), (rng) => buildNetwork(config.model, rng, network), data, seed, trainOptions);
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
  const data = options.data ?? (config.teacher ? await teacherLabeledData(config.teacher, seed, options) : loadCourseSplit());
  const checkpoint = options.checkpoint === false ? undefined : { path: checkpointPath(path), key };
  const startedAt = new Date();
  const outcome = trainRunConfig(config, data, seed, { progress: options.progress ?? makeProgress(), checkpoint });
  const finishedAt = new Date();
  const unlabeledLabels = outcome.poolLabels && data.unlabeled ? { labels: outcome.poolLabels.labels, accuracy: agreement(outcome.poolLabels.labels, data.unlabeled.labels) } : null;
  const record = buildRunRecord({ key, config, seed, backend, startedAt, finishedAt, priorSeconds: outcome.priorSeconds, epochs: outcome.epochs, semi: outcome.semi, validationPredictions: outcome.validationPredictions, unlabeledLabels });
  writeJsonAtomic(path, record);
  if (checkpoint) removeCheckpoint(checkpoint.path);
  return { record, reused: false, path, resumedEpochs: outcome.resumedEpochs };
}

/**
 * A student's training data: the labeled images, then the first N unlabeled images with the labels
 * the teacher run of the same seed gave them (trained first if its record is missing or stale).
 * Eval-mode train accuracy is measured on the true labels only.
 */
async function teacherLabeledData(teacher: RunConfig, seed: number, options: RunOptions): Promise<TrainData> {
  if (!teacher.labelUnlabeled) throw new Error(`run config '${teacher.name}' is a teacher but has no labelUnlabeled section, so it would leave no labels`);
  const root = options.root ?? resultsDir(currentProfile());
  const { record, path } = await runTraining(teacher, seed, { reuse: options.reuse, out: runRecordPath(root, teacher, seed), progress: options.progress, root });
  if (record.unlabeledLabels === undefined) throw new Error(`${path}: the teacher record has no 'unlabeledLabels'`);
  const split = loadCourseSplit();
  const labels = decodePredictions(record.unlabeledLabels);
  const pool = firstImages(split.unlabeled, labels.length, `${split.unlabeled.name}-${labels.length}`);
  const taught = withLabels(pool, labels, `${pool.name}-labeled-by-${teacher.name}`);
  return { labeled: concatDatasets(split.labeled, taught, `${split.labeled.name}+${taught.name}`), validation: split.validation, evalTrain: split.labeled };
}

/** Share of positions where two label arrays agree (the second may be longer). */
function agreement(labels: Uint8Array, truth: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === truth[i]) same++;
  return same / labels.length;
}
