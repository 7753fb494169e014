/**
 * A short semi-supervised run through the one runner, shared by the resume test (in-process) and
 * the child process it SIGKILLs midway: `node --import tsx test/experiments/resume-run.ts <out>`.
 */
import { initBackend } from '../../src/backend/select';
import { loadCourseSplit, subset } from '../../src/data/split';
import { runSemi, type RunOptions } from '../../src/experiments/run';
import type { SemiData } from '../../src/experiments/semi-plan';
import { getSemiMethod } from '../../src/experiments/semi-registry';
import type { SemiConfig } from '../../src/semi/config';
import { makeProgress } from '../../src/train/progress';

const every = (n: number, step: number): number[] => Array.from({ length: n }, (_, i) => i * step);

export function resumeData(): SemiData {
  const split = loadCourseSplit();
  return {
    labeled: subset(split.labeled, every(640, 4), 'labeled-640'),
    unlabeled: subset(split.unlabeled, every(1000, 50), 'unlabeled-1000'),
    validation: subset(split.validation, every(200, 50), 'validation-200'),
  };
}

/** FixMatch-style, 4 epochs, every stream in use (labeled augmentation, weak and strong views, dropout). */
export const RESUME_CONFIG: SemiConfig = {
  ...getSemiMethod('fixmatch'),
  name: 'resume-check',
  epochs: 4,
  optimizer: { kind: 'nesterov', lr: 0.05, momentum: 0.9 },
  unlabeled: { ...getSemiMethod('fixmatch').unlabeled!, batchSize: 64, threshold: 0.5 },
};

export async function resumeRun(out: string, options: Partial<RunOptions> = {}) {
  await initBackend();
  return runSemi(RESUME_CONFIG, 1, { out, data: resumeData(), reuse: true, progress: makeProgress(process.stderr, true), ...options });
}

if (require.main === module) {
  resumeRun(process.argv[2]).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
