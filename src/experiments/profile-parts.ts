/**
 * The parts of the full profile (`npm run experiments`) and the records each would write, known
 * before anything trains, so that one pre-flight can refuse with every stale record of every part
 * at once instead of stopping at the first part and leaving the rest for the next try.
 */
import { existsSync } from 'node:fs';
import { readRunRecord } from '../results/run-record';
import { FINAL_PLAN } from './final-recipe';
import { FINAL_ABLATION_PLAN } from './final-ablation';
import { plannedRecords, planFor, SEMI_PLAN, SUPERVISED_PLAN } from './plan';
import { preflightRuns, type PlannedRecord, type PreflightOptions } from './preflight';
import type { Profile } from './profile';
import { lrSelectionRuns } from './semi-select';
import { STUDY_ROWS, STUDY_SEEDS, studyRowConfig } from './study';
import { baselineGridSpecs, chooseRowSettings, chooseSetting, otherRowSpecs, trialRecords, type StudyTrial } from './study-selection';

// The study first (its rows are cheap and the report's first experiment section reads them), the final
// recipe next (the longest part), then the starter's semi-supervised rows and the seed's protocol.
export const PARTS = ['study', 'final', 'semi', 'supervised'] as const;
export type Part = (typeof PARTS)[number];

const planRecords = (names: readonly string[], profile: Profile, root: string) => planFor(names, profile).flatMap((e) => plannedRecords([e.config], e.seeds, root));

/**
 * The study's later steps depend on the earlier ones' winners; before anything runs, the winners of
 * the saved records stand in (the records on disk were trained with them). Where a step's records
 * are not all saved there is no saved winner, and nothing later on disk to protect.
 */
function studyRecords(profile: Profile, root: string): PlannedRecord[] {
  const saved = (runs: readonly PlannedRecord[]) => runs.every((r) => existsSync(r.path));
  const asTrials = (runs: ReturnType<typeof trialRecords>) =>
    runs.map((r) => ({ ...r.setting, heldOutAccuracy: readRunRecord(r.path).final.validationAccuracy, reused: true, wallSeconds: 0 }));
  const grid = trialRecords(baselineGridSpecs(profile), root);
  if (!saved(grid)) return grid;
  const setting = chooseSetting(asTrials(grid));
  const others = trialRecords(otherRowSpecs(profile, setting.epochs), root);
  if (!saved(others)) return [...grid, ...others];
  const rowTrials: Record<string, StudyTrial[]> = { baseline: asTrials(grid).filter((t) => t.epochs === setting.epochs) };
  const otherTrials = asTrials(others);
  others.forEach((r, i) => (rowTrials[r.row] ??= []).push(otherTrials[i]));
  const settings = chooseRowSettings(rowTrials);
  const rows = STUDY_ROWS.filter((r) => settings[r.row]).map((r) => studyRowConfig(r.row, settings[r.row]));
  return [...grid, ...others, ...plannedRecords(rows, STUDY_SEEDS[profile], root)];
}

/** Every record a part would write under `root`, as the pre-flight reads them. */
export function partRecords(part: Part, profile: Profile, root: string): PlannedRecord[] {
  if (part === 'study') return studyRecords(profile, root);
  if (part === 'final') return planRecords([...FINAL_PLAN, ...FINAL_ABLATION_PLAN], profile, root);
  if (part === 'semi') return [...lrSelectionRuns(profile, root), ...planRecords(SEMI_PLAN, profile, root)];
  return planRecords(SUPERVISED_PLAN, profile, root);
}

/** One pre-flight over every record of `parts`: a refusal names the stale records of all of them. */
export async function preflightParts(parts: readonly Part[], profile: Profile, root: string, options: PreflightOptions): Promise<void> {
  await preflightRuns(parts.flatMap((p) => partRecords(p, profile, root)), options);
}
