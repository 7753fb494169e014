/**
 * A short semi-supervised run through the one runner, shared by the resume test (in-process) and
 * the child process it SIGKILLs midway: `node --import tsx test/experiments/resume-run.ts <out>`.
 */
import { initBackend } from '../../src/backend/select';
import type { RunConfig } from '../../src/experiments/config';
import { getRunConfig } from '../../src/experiments/registry';
import { runTraining, type RunOptions } from '../../src/experiments/run';
import type { TrainData } from '../../src/train/run-state';
import { makeProgress } from '../../src/train/progress';
import { smallSplit } from '../helpers/small-split';

export const resumeData = (): TrainData => smallSplit([640, 4], [1000, 50], [200, 50]);

/** FixMatch-style, 4 epochs, every stream in use (labeled augmentation, weak and strong views, dropout). */
export const RESUME_CONFIG: RunConfig = {
  ...getRunConfig('fixmatch'),
  name: 'resume-check',
  epochs: 4,
  optimizer: { kind: 'nesterov', lr: 0.05, momentum: 0.9 },
  unlabeled: { ...getRunConfig('fixmatch').unlabeled!, batchSize: 64, threshold: 0.5 },
};

export async function resumeRun(out: string, options: Partial<RunOptions> = {}) {
  await initBackend();
  return runTraining(RESUME_CONFIG, 1, { out, data: resumeData(), reuse: true, progress: makeProgress(process.stderr, true), ...options });
}

if (require.main === module) {
  resumeRun(process.argv[2]).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
