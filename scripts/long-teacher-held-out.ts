// Diagnostic, not part of the report: the final recipe's teacher trained far longer than the budget allows
// (default 81 epochs ≈ 30 passes over the 57,000 unlabeled images), seed 1, on held-out labels: it trains on
// 2,500 labels and is scored on the last 50 of each digit, so what it shows may choose the next recipe.
// The validation images are not read. Records go to --out (default /tmp/long-teacher), resumable.
// Usage: npx tsx scripts/long-teacher-held-out.ts [epochs] [--lr <rate>] [--wd <decay>] [--out <dir>]
import { join } from 'node:path';
import { loadCourseSplit } from '../src/data/split';
import type { RunConfig } from '../src/experiments/config';
import { FINAL_TEACHER } from '../src/experiments/final-recipe';
import { heldOutSplit } from '../src/experiments/held-out';
import { runTraining } from '../src/experiments/run';
import { makeProgress } from '../src/train/progress';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const epochs = Number(process.argv[2]?.startsWith('--') ? 81 : process.argv[2] ?? 81);
  const lr = Number(option('--lr') ?? FINAL_TEACHER.optimizer.lr);
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`long-teacher-held-out: epochs must be a positive integer, found '${process.argv[2]}'`);
  if (!(lr > 0)) throw new Error(`long-teacher-held-out: --lr must be a positive number, found '${option('--lr')}'`);
  const wd = Number(option('--wd') ?? FINAL_TEACHER.weightDecay ?? 0);
  if (!(wd >= 0)) throw new Error(`long-teacher-held-out: --wd must be a number ≥ 0, found '${option('--wd')}'`);
  const root = option('--out') ?? '/tmp/long-teacher';
  const split = loadCourseSplit();
  const { train, heldOut } = heldOutSplit(split.labeled);
  // No labelling of the 57,000 at the end: nothing reads it here.
  const { labelUnlabeled: _unused, ...teacher } = FINAL_TEACHER;
  const config: RunConfig = { ...teacher, name: `long-teacher-lr${lr}-wd${wd}`, epochs, weightDecay: wd, optimizer: { ...teacher.optimizer, lr } };
  const out = join(root, `${config.name}-e${epochs}.json`);
  const data = { labeled: train, unlabeled: split.unlabeled, validation: heldOut };
  const { record } = await runTraining(config, 1, { out, reuse: true, progress: makeProgress(process.stderr, false), data, root });
  console.log(JSON.stringify({ epochs, lr, wd, heldOut: record.epochs.map((e) => e.validationAccuracy), wallSeconds: record.wallSeconds }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
