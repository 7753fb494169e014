import { join } from 'node:path';
import { REPO_ROOT } from '../results/provenance';

/**
 * 'full' reproduces the report's experiments and reads/writes the frozen results in data/results/.
 * 'quick' is the small profile the tests run: few epochs and seeds, written to render/out/ so a test
 * run never touches the committed results.
 */
export type Profile = 'quick' | 'full';

export function currentProfile(env: NodeJS.ProcessEnv = process.env): Profile {
  const value = env.REPORT_PROFILE ?? 'full';
  if (value !== 'quick' && value !== 'full') {
    throw new Error(`REPORT_PROFILE: expected 'quick' or 'full', found '${value}'`);
  }
  return value;
}

/** REPORT_RETRAIN=1 forces every experiment to train again instead of reusing a saved result. */
export function retrainForced(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.REPORT_RETRAIN === '1' || env.REPORT_RETRAIN === 'true';
}

export function resultsDir(profile: Profile = currentProfile()): string {
  return profile === 'full' ? join(REPO_ROOT, 'data', 'results') : join(REPO_ROOT, 'render', 'out', 'results-quick');
}
