import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../backend/select';
import { loadCourseSplit } from '../data/split';
import { resultKey } from '../results/provenance';
import { currentProfile, resultsDir, type Profile } from './profile';
import { buildRunRecord, readRunRecord, type RunRecord } from '../results/run-record';
import { writeJsonAtomic } from '../results/atomic-write';
import { makeProgress, type Progress } from '../train/progress';
import { buildNetwork } from '../models/build-network';
import { train } from '../train/trainer';
import { supervisedTrainerConfig } from './trainer-config';
import type { ExperimentConfig } from './config';

export function defaultResultPath(config: ExperimentConfig, seed: number, profile: Profile = currentProfile()): string {
  return join(resultsDir(profile), 'runs', config.name, `epochs-${config.epochs}`, `seed-${seed}.json`);
}

export interface RunOptions {
  out?: string;
  /** Reuse a saved record whose key matches; otherwise (or with retrain) train and save. */
  reuse?: boolean;
  progress?: Progress;
}

export interface RunOutcome {
  record: RunRecord;
  reused: boolean;
  path: string;
}

/** Trains one config with one seed on the course split and writes its record atomically. */
export async function runExperiment(config: ExperimentConfig, seed: number, options: RunOptions = {}): Promise<RunOutcome> {
  const backend = await initBackend();
  const path = options.out ?? defaultResultPath(config, seed);
  const key = resultKey({ config, seed, backend: backend.name }, 'supervised');
  if (options.reuse && existsSync(path)) {
    const saved = readRunRecord(path);
    if (saved.key === key) return { record: saved, reused: true, path };
  }
  const split = loadCourseSplit();
  const startedAt = new Date();
  const outcome = train(supervisedTrainerConfig(config), (rng) => buildNetwork(config.model, rng), { labeled: split.labeled, validation: split.validation }, seed, {
    progress: options.progress ?? makeProgress(),
  });
  const finishedAt = new Date();
  const record = buildRunRecord({ key, config, seed, backend, startedAt, finishedAt, epochs: outcome.epochs, validationPredictions: outcome.validationPredictions });
  writeJsonAtomic(path, record);
  return { record, reused: false, path };
}
