import type { RunConfig } from './config';

/** A run another run needs first: the one it warm-starts from, or a teacher that labels its images. */
export interface RunDependency {
  config: RunConfig;
  seed: number;
  role: 'start' | 'teacher';
}

/** The seeds whose teachers label a student's unlabeled images (the student's own by default). */
export function teacherSeedsOf(config: RunConfig, seed: number): readonly number[] {
  return config.teacherSeeds ?? [seed];
}

/** The runs `config` at `seed` reads before it trains, in the order runTraining takes them. */
export function runDependencies(config: RunConfig, seed: number): RunDependency[] {
  const deps: RunDependency[] = [];
  if (config.start) deps.push({ config: config.start, seed, role: 'start' });
  if (config.teacher) for (const s of teacherSeedsOf(config, seed)) deps.push({ config: config.teacher, seed: s, role: 'teacher' });
  return deps;
}
