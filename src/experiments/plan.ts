/**
 * Which supervised runs the report needs under each profile, and the one entry point the notebook
 * calls to get them: reuse a saved record whose key still matches, otherwise train and save.
 */
import { existsSync } from 'node:fs';
import { initBackend, type BackendInfo } from '../backend/select';
import { resultKey } from '../results/provenance';
import { readRunRecord, type RunRecord } from '../results/run-record';
import { makeProgress, type Progress } from '../train/progress';
import type { ExperimentConfig } from './config';
import { currentProfile, resultsDir, retrainForced, type Profile } from './profile';
import { getExperiment } from './registry';
import type { ProfileProgress } from './profile-progress';
import { runRecordPath } from './result-paths';
import { runExperiment } from './run';

/** The supervised configurations of the report, in table order. */
export const SUPERVISED_PLAN: readonly string[] = Object.freeze(['baseline', 'starter-relu-logits', 'xavier', 'xavier-augment']);

/** Seeds of the full profile; every config uses the same ones so that seed i of A pairs with seed i of B. */
export const FULL_SEEDS: readonly number[] = Object.freeze([1, 2, 3]);

/** The quick profile only checks that the pipeline runs end to end: one seed, two epochs. */
export const QUICK_SEEDS: readonly number[] = Object.freeze([1]);
export const QUICK_EPOCHS = 2;

export interface PlanEntry {
  config: ExperimentConfig;
  seeds: number[];
}

/** The config as it is run under `profile`: the registry's epochs for full, QUICK_EPOCHS for quick. */
export function plannedConfig(name: string, profile: Profile = currentProfile()): ExperimentConfig {
  const config = getExperiment(name);
  return profile === 'full' ? config : { ...config, epochs: QUICK_EPOCHS };
}

export function planFor(names: readonly string[] = SUPERVISED_PLAN, profile: Profile = currentProfile()): PlanEntry[] {
  const seeds = profile === 'full' ? FULL_SEEDS : QUICK_SEEDS;
  return names.map((name) => ({ config: plannedConfig(name, profile), seeds: [...seeds] }));
}

/** Where a planned run's record lives: `<root>/runs/<name>/epochs-<n>/seed-<s>.json`. */
export function plannedPath(config: ExperimentConfig, seed: number, root: string): string {
  return runRecordPath(root, config, seed);
}

export interface PlannedRun {
  name: string;
  seed: number;
  record: RunRecord;
  /** True if the saved record was used; false if this call trained the model. */
  reused: boolean;
  /**
   * True if a saved record was used although its key no longer matches (only with allowStale):
   * the code, data or backend changed since it was computed.
   */
  stale: boolean;
  path: string;
  /** When the record was produced (its finishedAt), and where. */
  computedAt: string;
  backend: BackendInfo;
  wallSeconds: number;
}

export interface RunPlanOptions {
  progress?: Progress;
  profile?: Profile;
  /** Default: reuse unless REPORT_RETRAIN=1. */
  reuse?: boolean;
  /** Default: resultsDir(profile). Tests point this at a temporary folder. */
  root?: string;
  /** Seeds per config; default the profile's. */
  seeds?: readonly number[];
  /**
   * Use a saved record even if its key no longer matches, instead of retraining, and mark it
   * stale. For drafting the report while the training code is still changing; never for the
   * final rendering. Default: REPORT_ALLOW_STALE=1.
   */
  allowStale?: boolean;
  /** The whole profile's progress line with its ETA (npm run experiments). */
  tracker?: ProfileProgress;
}

/** Runs (or reuses) every seed of every named config, config by config, in plan order. */
export async function runPlan(names: readonly string[] = SUPERVISED_PLAN, options: RunPlanOptions = {}): Promise<PlannedRun[]> {
  const profile = options.profile ?? currentProfile();
  const root = options.root ?? resultsDir(profile);
  const reuse = options.reuse ?? !retrainForced();
  const progress = options.progress ?? makeProgress();
  const allowStale = options.allowStale ?? process.env.REPORT_ALLOW_STALE === '1';
  const out: PlannedRun[] = [];
  for (const entry of planFor(names, profile)) {
    for (const seed of options.seeds ?? entry.seeds) {
      const path = plannedPath(entry.config, seed, root);
      let outcome: { record: RunRecord; reused: boolean; stale: boolean };
      if (reuse && allowStale && existsSync(path)) {
        const record = readRunRecord(path);
        const backend = await initBackend();
        outcome = { record, reused: true, stale: record.key !== resultKey({ config: entry.config, seed, backend: backend.name }, 'supervised') };
      } else {
        outcome = { ...(await runExperiment(entry.config, seed, { reuse, out: path, progress })), stale: false };
      }
      const { record, reused, stale } = outcome;
      progress.line(`${entry.config.name} seed ${seed}: ${stale ? 'reused (stale)' : reused ? 'reused' : 'trained'} (${path})`);
      options.tracker?.finished(`${entry.config.name} seed ${seed}`, reused, record.wallSeconds);
      out.push({
        name: entry.config.name,
        seed,
        record,
        reused,
        stale,
        path,
        computedAt: record.finishedAt,
        backend: record.backend,
        wallSeconds: record.wallSeconds,
      });
    }
  }
  return out;
}

export type RunStatus = 'current' | 'stale' | 'missing';

/**
 * Without training anything: which planned records exist and still match the current code, data
 * and backend. A 'stale' record would be retrained by runPlan.
 */
export async function planStatus(
  names: readonly string[] = SUPERVISED_PLAN,
  options: { profile?: Profile; root?: string } = {},
): Promise<{ name: string; seed: number; path: string; status: RunStatus }[]> {
  const profile = options.profile ?? currentProfile();
  const root = options.root ?? resultsDir(profile);
  const backend = await initBackend();
  return planFor(names, profile).flatMap((entry) =>
    entry.seeds.map((seed) => {
      const path = plannedPath(entry.config, seed, root);
      let status: RunStatus = 'missing';
      if (existsSync(path)) {
        status = readRunRecord(path).key === resultKey({ config: entry.config, seed, backend: backend.name }, 'supervised') ? 'current' : 'stale';
      }
      return { name: entry.config.name, seed, path, status };
    }),
  );
}

/** Groups planned runs by config name, seeds ascending, keeping plan order. */
export function groupRuns(runs: readonly PlannedRun[]): Map<string, PlannedRun[]> {
  const groups = new Map<string, PlannedRun[]>();
  for (const run of runs) {
    const list = groups.get(run.name) ?? [];
    list.push(run);
    groups.set(run.name, list);
  }
  for (const list of groups.values()) list.sort((a, b) => a.seed - b.seed);
  return groups;
}
