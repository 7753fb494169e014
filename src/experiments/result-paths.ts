import { join } from 'node:path';

/**
 * The one place that says where a run's files live under a results root:
 *   <root>/runs/<name>/epochs-<n>/seed-<s>.json             the run record (committed for the full profile)
 *   <root>/runs/<name>/epochs-<n>/seed-<s>.checkpoint.json  its state after the last finished epoch
 *                                                           (never committed; removed once the record is written)
 *   <root>/runs/<name>/epochs-<n>/seed-<s>.state.json       its final weights, for runs that warm-start from it
 *                                                           (config.keepFinalState; never committed)
 */
export function runRecordPath(root: string, config: { name: string; epochs: number }, seed: number): string {
  return join(root, 'runs', config.name, `epochs-${config.epochs}`, `seed-${seed}.json`);
}

/** A learning-rate selection trial (seed 1): <root>/runs/semi-select/lr-<lr>/epochs-<n>/seed-1.json. */
export function selectionRecordPath(root: string, lr: number, epochs: number): string {
  return join(root, 'runs', 'semi-select', `lr-${lr}`, `epochs-${epochs}`, 'seed-1.json');
}

/** The checkpoint that belongs to a record path. */
export function checkpointPath(recordPath: string): string {
  return recordPath.replace(/\.json$/, '') + '.checkpoint.json';
}

/** The final weights that belong to a record path (see final-state-file.ts). */
export function finalStatePath(recordPath: string): string {
  return recordPath.replace(/\.json$/, '') + '.state.json';
}
