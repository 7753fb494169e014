/**
 * Which runs the report needs under each profile, and the one entry point the notebooks call to get
 * them: reuse a saved record whose key still matches, otherwise train and save.
 *
 * Run the full profile in the background with `npm run experiments` (src/cli/experiments.ts).
 */
import { runCost } from './run-cost';
import { existsSync } from 'node:fs';
import { initBackend, type BackendInfo } from '../backend/select';
import { readRunRecord, type RunRecord } from '../results/run-record';
import { makeProgress, type Progress } from '../train/progress';
import type { RunConfig } from './config';
import { currentProfile, resultsDir, retrainForced, type Profile } from './profile';
import type { ProfileProgress } from './profile-progress';
import { getRunConfig } from './registry';
import { runRecordPath } from './result-paths';
import { preflightRuns, type PlannedRecord } from './preflight';
import { withRunLock } from './run-lock';
import { runKey, runTraining } from './run';
import { checkRunBudget } from './spec-budget';
import { setRecordsAside } from './retrain-once';
import { FINAL_PLAN, FINAL_SEEDS, FINAL_TEACHER_SEEDS } from './final-recipe';
import { FINAL_ABLATION_PLAN, FINAL_LABELED_TEACHER } from './final-ablation';

/** The supervised configurations of the report, in table order. */
export const SUPERVISED_PLAN: readonly string[] = Object.freeze(['baseline', 'starter-relu-logits', 'xavier', 'xavier-augment']);

/** Table order. Each semi-supervised row sits under its labeled-only reference trained the same way. */
export const SEMI_PLAN: readonly string[] = Object.freeze(['labeled-only', 'pseudo-label', 'labeled-only-augment', 'fixmatch']);

/** Seeds of the full profile; every config uses the same ones so that seed i of A pairs with seed i of B. */
export const FULL_SEEDS: readonly number[] = Object.freeze([1, 2, 3]);

/** The quick profile only checks that the pipeline runs end to end: one seed, two epochs, a small unlabeled pool. */
export const QUICK_SEEDS: readonly number[] = Object.freeze([1]);
export const QUICK_EPOCHS = 2;
/** Unlabeled images of a quick run are drawn from a pool of 4,000 instead of 57,000. */
export const QUICK_POOL = 4000;

export interface PlanEntry {
  config: RunConfig;
  seeds: number[];
}

/**
 * The config as it runs under `profile`: the registry's for full. Quick shrinks the epochs and, for
 * a run with an unlabeled term, the pool, and rescales the α ramp in proportion to the epochs.
 */
export function plannedConfig(name: string, profile: Profile = currentProfile()): RunConfig {
  return profiledConfig(getRunConfig(name), profile);
}

/**
 * Any config as it runs under `profile` (see plannedConfig). Quick also labels only the first
 * QUICK_POOL unlabeled images for students, shrinks a student's teacher and a warm start's start
 * the same way, and takes a student's teachers from the quick seeds.
 */
export function profiledConfig(config: RunConfig, profile: Profile): RunConfig {
  if (profile === 'full') return config;
  const scale = QUICK_EPOCHS / config.epochs;
  const u = config.unlabeled;
  return {
    ...config,
    epochs: QUICK_EPOCHS,
    unlabeledPool: u ? QUICK_POOL : config.unlabeledPool,
    // At most two unlabeled images per labeled one: quick checks the path, not the full μ's cost.
    unlabeled: u ? { ...u, batchSize: Math.min(u.batchSize, 2 * config.batchSize), alpha: { ...u.alpha, t1: u.alpha.t1 * scale, t2: u.alpha.t2 * scale } } : null,
    ...(config.labelUnlabeled ? { labelUnlabeled: { ...config.labelUnlabeled, count: QUICK_POOL } } : {}),
    ...(config.teacher ? { teacher: profiledConfig(config.teacher, profile) } : {}),
    ...(config.teacherSeeds ? { teacherSeeds: planSeeds(profile) } : {}),
    ...(config.start ? { start: profiledConfig(config.start, profile) } : {}),
  };
}

export function planSeeds(profile: Profile = currentProfile()): number[] {
  return [...(profile === 'full' ? FULL_SEEDS : QUICK_SEEDS)];
}

/** The seeds of one planned config: the final recipe's stages have their own (FINAL_SEEDS), the labels-only teachers the teachers' (FINAL_TEACHER_SEEDS). */
export function seedsFor(name: string, profile: Profile = currentProfile()): number[] {
  if (profile === 'full' && name === FINAL_LABELED_TEACHER.name) return [...FINAL_TEACHER_SEEDS];
  if (profile === 'full' && (FINAL_PLAN.includes(name) || FINAL_ABLATION_PLAN.includes(name))) return [...FINAL_SEEDS];
  return planSeeds(profile);
}

export function planFor(names: readonly string[], profile: Profile = currentProfile()): PlanEntry[] {
  return names.map((name) => ({ config: plannedConfig(name, profile), seeds: seedsFor(name, profile) }));
}

/** The one seed list that `names` share, so that seed i of each pairs with seed i of the others. */
export function sharedSeeds(names: readonly string[], profile: Profile = currentProfile()): number[] {
  const lists = names.map((name) => seedsFor(name, profile));
  const first = lists[0] ?? planSeeds(profile);
  const other = lists.findIndex((l) => l.join() !== first.join());
  if (other >= 0) throw new Error(`runPlan: '${names[0]}' and '${names[other]}' have different seeds ([${first.join(', ')}] and [${lists[other].join(', ')}]); plan them in separate calls`);
  return first;
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

/**
 * Runs (or reuses) every seed of every named config. Training goes seed by seed, so that an
 * interrupted profile still leaves every config with its first seeds; the list comes back in plan
 * order, config by config, seeds ascending.
 */
export async function runPlan(names: readonly string[], options: RunPlanOptions = {}): Promise<PlannedRun[]> {
  const profile = options.profile ?? currentProfile();
  return runConfigs(planFor(names, profile).map((e) => e.config), { ...options, seeds: options.seeds ?? sharedSeeds(names, profile) });
}

/** runPlan for configs made elsewhere (e.g. from a held-out selection), already shaped for the profile. */
export async function runConfigs(configs: readonly RunConfig[], options: RunPlanOptions = {}): Promise<PlannedRun[]> {
  const profile = options.profile ?? currentProfile();
  const root = options.root ?? resultsDir(profile);
  const reuse = options.reuse ?? !retrainForced();
  const progress = options.progress ?? makeProgress();
  const allowStale = options.allowStale ?? process.env.REPORT_ALLOW_STALE === '1';
  const entries = configs.map((config) => ({ config }));
  const seeds = options.seeds ?? planSeeds(profile);
  const done = new Map<string, PlannedRun>();
  for (const { config } of entries) checkRunBudget(config);
  const planned = plannedRecords(configs, seeds, root);
  await preflightRuns(planned, { reuse, allowStale });
  // A retrain sets the planned records aside and trains with reuse on, so a run that others read is trained once (retrain-once.ts).
  const aside = reuse ? null : setRecordsAside(planned.map((r) => r.path));
  try {
    for (const seed of seeds) for (const { config } of entries) done.set(`${config.name}\0${seed}`, await planRun(config, seed, { root, progress, allowStale: reuse && allowStale, tracker: options.tracker }));
  } finally {
    aside?.settle();
  }
  return entries.flatMap(({ config }) => [...seeds].sort((a, b) => a - b).map((seed) => done.get(`${config.name}\0${seed}`)!));
}

/** One planned run: its record read as it is (stale records allowed), reused, or trained. */
async function planRun(config: RunConfig, seed: number, o: { root: string; progress: Progress; allowStale: boolean; tracker?: ProfileProgress }): Promise<PlannedRun> {
  const path = runRecordPath(o.root, config, seed);
  const { record, reused, stale } =
    o.allowStale && existsSync(path)
      ? await readPossiblyStale(config, seed, path)
      : { ...(await withRunLock(path, () => runTraining(config, seed, { reuse: true, out: path, progress: o.progress, root: o.root }))), stale: false };
  o.progress.line(`${config.name} seed ${seed}: ${stale ? 'reused (stale)' : reused ? 'reused' : 'trained'} in ${record.wallSeconds.toFixed(0)} s (${path})`);
  o.tracker?.finished(`${config.name} seed ${seed}`, reused, record.wallSeconds, runCost(config));
  return { name: config.name, seed, record, reused, stale, path, computedAt: record.finishedAt, backend: record.backend, wallSeconds: record.wallSeconds };
}

/** The records runConfigs would write for `configs` under `root`, seed by seed. */
export function plannedRecords(configs: readonly RunConfig[], seeds: readonly number[], root: string): PlannedRecord[] {
  return seeds.flatMap((seed) => configs.map((config) => ({ config, seed, path: runRecordPath(root, config, seed), root })));
}

async function readPossiblyStale(config: RunConfig, seed: number, path: string): Promise<{ record: RunRecord; reused: true; stale: boolean }> {
  const record = readRunRecord(path);
  const backend = await initBackend();
  return { record, reused: true, stale: record.key !== runKey(config, seed, backend.name) };
}

export type RunStatus = 'current' | 'stale' | 'missing';

/**
 * Without training anything: which planned records exist and still match the current code, data
 * and backend. A 'stale' record would be retrained by runPlan.
 */
export async function planStatus(
  names: readonly string[],
  options: { profile?: Profile; root?: string } = {},
): Promise<{ name: string; seed: number; path: string; status: RunStatus }[]> {
  const profile = options.profile ?? currentProfile();
  const root = options.root ?? resultsDir(profile);
  const backend = await initBackend();
  return planFor(names, profile).flatMap((entry) =>
    entry.seeds.map((seed) => {
      const path = runRecordPath(root, entry.config, seed);
      let status: RunStatus = 'missing';
      if (existsSync(path)) status = readRunRecord(path).key === runKey(entry.config, seed, backend.name) ? 'current' : 'stale';
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
