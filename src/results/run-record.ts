import { existsSync } from 'node:fs';
import type { BackendInfo } from '../backend/select';
import type { RunConfig } from '../experiments/config';
import type { SemiEpoch } from '../train/epoch-tally';
import type { EpochRecord } from '../train/records';
import { sharedPoolThreads } from '../parallel/pool';
import { upgradeRecordConfig } from './legacy-config';
import { codeManifest, packageVersions } from './provenance';
import { describeJson, readJsonObject } from './read-json';
import { plural } from './plural';

export const RUN_SCHEMA = 'assignment-one/run@1';

/** What one experiment run leaves behind in data/results/. */
export interface RunRecord {
  schema: typeof RUN_SCHEMA;
  key: string;
  experiment: string;
  config: RunConfig;
  seed: number;
  backend: BackendInfo;
  /** Threads that computed the run (main + workers): times depend on it, the numbers do not. Absent in older records. */
  threads?: number;
  versions: Record<string, string>;
  /** Normalized hash of each result-code file the run was trained on (provenance.ts), so a stale record can name what changed. Absent in older records. */
  codeFiles?: Record<string, string>;
  startedAt: string;
  finishedAt: string;
  wallSeconds: number;
  epochs: EpochRecord[];
  final: EpochRecord;
  /** Argmax class of each of the 10,000 validation images, one digit per image. */
  validationPredictions: string;
  /** What happened to the unlabeled images in each epoch (zeros for a supervised run); absent in supervised records written before the runners merged. */
  semi?: SemiEpoch[];
  /** The teacher's labels for the first N unlabeled images (config.labelUnlabeled), one digit each. */
  unlabeledLabels?: string;
  /** Share of those labels equal to the true ones: a diagnostic only, the true labels train nothing. */
  unlabeledLabelAccuracy?: number;
  /** The teacher's averaged probabilities for those images, each rounded to a byte (p·255), base64: a student's soft labels. */
  unlabeledProbs?: string;
  /** A student's: the seeds whose teachers labelled its unlabeled images, and how many of the ensemble's labels are right. */
  teacherEnsemble?: { seeds: number[]; labelAccuracy: number };
}

export function encodePredictions(predictions: Uint8Array): string {
  return Array.from(predictions, (p) => String.fromCharCode(48 + p)).join('');
}

export function decodePredictions(encoded: string): Uint8Array {
  return Uint8Array.from(encoded, (c) => c.charCodeAt(0) - 48);
}

/** Probabilities in [0, 1] rounded to bytes (p·255), base64: 1/510 at worst, a tenth of the record float32 would make. */
export function encodeProbabilityBytes(probs: Float32Array): string {
  return Buffer.from(Uint8Array.from(probs, (p) => Math.round(Math.min(1, Math.max(0, p)) * 255))).toString('base64');
}

/** The rows of encodeProbabilityBytes back as probabilities, each row renormalized to sum to 1. */
export function decodeProbabilityBytes(encoded: string, classes: number, where: string): Float32Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % classes !== 0) throw new Error(`${where}: ${bytes.length} probabilities is not a whole number of rows of ${classes}`);
  const probs = new Float32Array(bytes.length);
  for (let r = 0; r < bytes.length; r += classes) {
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += bytes[r + c];
    if (sum === 0) throw new Error(`${where}: row ${r / classes} has no probability mass`);
    for (let c = 0; c < classes; c++) probs[r + c] = bytes[r + c] / sum;
  }
  return probs;
}

/** The fields readers rely on, with the JSON kind each must have. */
const RECORD_FIELDS = {
  key: 'a string', experiment: 'a string', config: 'an object', seed: 'a number', backend: 'an object',
  epochs: 'an array', final: 'an object', validationPredictions: 'a string',
} as const;

/** Reads a run record, with errors that name the file and what is wrong with it. */
export function readRunRecord(path: string): RunRecord {
  if (!existsSync(path)) throw new Error(`run record not found: ${path}`);
  const record = readJsonObject(path, 'run record');
  if (record.schema !== RUN_SCHEMA) throw new Error(`${path}: expected schema '${RUN_SCHEMA}', found ${JSON.stringify(record.schema)}`);
  for (const [field, kind] of Object.entries(RECORD_FIELDS)) {
    const value = record[field];
    if (value === undefined) throw new Error(`${path}: missing field '${field}'`);
    const found = describeJson(value);
    if (found !== kind) throw new Error(`${path}: field '${field}' should be ${kind}, found ${found}`);
  }
  return { ...record, config: upgradeRecordConfig(record.config as Record<string, unknown>) } as unknown as RunRecord;
}

/** A record as today's runner writes it: with the per-epoch log of the unlabeled term. */
export type RunRecordWithSemiLog = RunRecord & { semi: SemiEpoch[] };

/** The record with its per-epoch unlabeled log, or an error naming the file if it has none (or a log that does not match its epochs). */
export function requireSemiLog(record: RunRecord, path: string): RunRecordWithSemiLog {
  if (!Array.isArray(record.semi)) throw new Error(`${path}: missing field 'semi' (per-epoch pseudo-label log)`);
  if (record.semi.length !== record.epochs.length) {
    throw new Error(`${path}: 'semi' has ${plural(record.semi.length, 'epoch')} but 'epochs' has ${record.epochs.length}`);
  }
  return record as RunRecordWithSemiLog;
}

/** A run record, filled from one finished training run. */
export function buildRunRecord(run: {
  key: string;
  config: RunConfig;
  seed: number;
  backend: BackendInfo;
  startedAt: Date;
  finishedAt: Date;
  /** Training seconds of the interrupted processes this run resumed (0 for a run trained in one go). */
  priorSeconds?: number;
  epochs: EpochRecord[];
  semi: SemiEpoch[];
  validationPredictions: Uint8Array;
  /** The run's labels for the unlabeled images and their accuracy against the hidden true labels. */
  unlabeledLabels?: { labels: Uint8Array; accuracy: number; probs: Float32Array } | null;
  teacherEnsemble?: { seeds: number[]; labelAccuracy: number } | null;
}): RunRecordWithSemiLog {
  return {
    schema: RUN_SCHEMA,
    key: run.key,
    experiment: run.config.name,
    config: run.config,
    seed: run.seed,
    backend: run.backend,
    threads: sharedPoolThreads(),
    versions: packageVersions(),
    codeFiles: codeManifest(),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    wallSeconds: (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 + (run.priorSeconds ?? 0),
    epochs: run.epochs,
    final: run.epochs[run.epochs.length - 1],
    validationPredictions: encodePredictions(run.validationPredictions),
    semi: run.semi,
    ...(run.unlabeledLabels
      ? { unlabeledLabels: encodePredictions(run.unlabeledLabels.labels), unlabeledLabelAccuracy: run.unlabeledLabels.accuracy, unlabeledProbs: encodeProbabilityBytes(run.unlabeledLabels.probs) }
      : {}),
    ...(run.teacherEnsemble ? { teacherEnsemble: run.teacherEnsemble } : {}),
  };
}
