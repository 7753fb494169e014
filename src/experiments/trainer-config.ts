import type { TrainerConfig } from '../train/trainer-config';
import type { RunConfig } from './config';

/**
 * The fields a run config has beyond the trainer's. The `satisfies` makes the compiler list every
 * such field here: one added to RunConfig alone fails to compile until it is named, so nothing
 * config-specific reaches the trainer by accident.
 */
const RUN_ONLY = { model: true, title: true, stopping: true, teacher: true, teacherSeeds: true, keepFinalState: true, start: true } satisfies Record<Exclude<keyof RunConfig, keyof TrainerConfig>, true>;

/** What the trainer needs from a run config: all of it but the run-only fields above (model, title, stopping rule, teacher, warm start). */
export function trainerConfig(c: RunConfig): TrainerConfig {
  const trainer: Partial<RunConfig> = { ...c };
  for (const key of Object.keys(RUN_ONLY) as (keyof typeof RUN_ONLY)[]) delete trainer[key];
  return trainer as TrainerConfig;
}
