import { existsSync } from 'node:fs';
import { initBackend } from '../backend/select';
import { loadCourseSplit } from '../data/split';
import { buildNetwork } from '../models/build-network';
import { resultKey } from '../results/provenance';
import { currentProfile, resultsDir, type Profile } from './profile';
import { buildRunRecord, readRunRecord, type RunRecord } from '../results/run-record';
import { assertWritableFile, writeJsonAtomic } from '../results/atomic-write';
import { validateSemiConfig, type SemiConfig } from '../semi/config';
import { readSemiRunRecord, type SemiRunRecord } from '../semi/semi-record';
import { removeCheckpoint } from '../train/checkpoint';
import { makeProgress, type Progress } from '../train/progress';
import type { TrainData } from '../train/run-state';
import { train } from '../train/trainer';
import type { ExperimentConfig } from './config';
import { checkpointPath, runRecordPath } from './result-paths';
import { semiTrainerConfig, supervisedTrainerConfig } from './trainer-config';

/** A supervised experiment or a semi-supervised method (or its labels-only reference): what one run trains. */
export type RunConfig = ExperimentConfig | SemiConfig;

export function isSemiConfig(config: RunConfig): config is SemiConfig {
  return 'method' in config;
}

export function defaultResultPath(config: RunConfig, seed: number, profile: Profile = currentProfile()): string {
  return runRecordPath(resultsDir(profile), config, seed);
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
}

export interface RunOutcome<R = RunRecord> {
  record: R;
  reused: boolean;
  path: string;
  /** Epochs taken from a checkpoint of an interrupted run instead of trained by this call. */
  resumedEpochs: number;
}

/**
 * The one runner for every experiment: reuse a record whose key matches, else train (resuming from
 * the run's checkpoint if an interrupted process left one), write the record atomically, then
 * remove the checkpoint. Supervised records keep their former key scope (they do not depend on
 * src/semi) and schema; semi-supervised ones add the per-epoch pseudo-label log.
 */
export async function runTraining(config: RunConfig, seed: number, options: RunOptions = {}): Promise<RunOutcome<RunRecord | SemiRunRecord>> {
  const backend = await initBackend();
  const semi = isSemiConfig(config);
  if (semi) validateSemiConfig(config);
  const path = options.out ?? defaultResultPath(config, seed);
  const keyed = options.data ? { ...config, data: options.data.labeled.name } : config;
  const key = resultKey({ config: keyed, seed, backend: backend.name }, semi ? 'semi' : 'supervised');
  if (options.reuse && existsSync(path)) {
    const saved = semi ? readSemiRunRecord(path) : readRunRecord(path);
    if (saved.key === key) return { record: saved, reused: true, path, resumedEpochs: 0 };
  }
  assertWritableFile(path, 'result path');
  const data = options.data ?? loadCourseSplit();
  const checkpoint = options.checkpoint === false ? undefined : { path: checkpointPath(path), key };
  const startedAt = new Date();
  const trainer = semi ? semiTrainerConfig(config) : supervisedTrainerConfig(config);
  const outcome = train(trainer, (rng) => buildNetwork(config.model, rng), semi ? data : { labeled: data.labeled, validation: data.validation }, seed, {
    progress: options.progress ?? makeProgress(),
    checkpoint,
  });
  const finishedAt = new Date();
  const base = buildRunRecord({ key, config, seed, backend, startedAt, finishedAt, epochs: outcome.epochs, validationPredictions: outcome.validationPredictions });
  const record = semi ? { ...base, semi: outcome.semi } : base;
  writeJsonAtomic(path, record);
  if (checkpoint) removeCheckpoint(checkpoint.path);
  return { record: record as RunRecord | SemiRunRecord, reused: false, path, resumedEpochs: outcome.resumedEpochs };
}

/** runTraining for a supervised experiment, typed as such. */
export async function runExperiment(config: ExperimentConfig, seed: number, options: RunOptions = {}): Promise<RunOutcome> {
  return (await runTraining(config, seed, options)) as RunOutcome;
}

/** runTraining for a semi-supervised config, typed as such (the output path is required). */
export async function runSemi(config: SemiConfig, seed: number, options: RunOptions & { out: string }): Promise<RunOutcome<SemiRunRecord>> {
  return (await runTraining(config, seed, options)) as RunOutcome<SemiRunRecord>;
}
