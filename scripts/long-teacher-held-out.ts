// Diagnostic, not part of the report: the final recipe's teacher trained far longer than the budget allows
// (default 81 epochs ≈ 30 passes over the 57,000 unlabeled images), seed 1, on held-out labels: it trains on
// 2,500 labels and is scored on the last 50 of each digit, so what it shows may choose the next recipe.
// The validation images are not read. Records go to --out (default /tmp/long-teacher), resumable.
// Usage: npx tsx scripts/long-teacher-held-out.ts [--epochs <n>] [--lr <rate>] [--wd <decay>] [--out <dir>]
import { join } from 'node:path';
import { parseFlags, runMain, UsageError } from '../src/cli/args';
import { loadCourseSplit } from '../src/data/split';
import type { RunConfig } from '../src/experiments/config';
import { FINAL_TEACHER } from '../src/experiments/final-recipe';
import { heldOutSplit } from '../src/experiments/held-out';
import { runTraining } from '../src/experiments/run';
import { makeProgress } from '../src/train/progress';

const COMMAND = 'scripts/long-teacher-held-out.ts';
const SPEC = {
  epochs: { kind: 'int', min: 1, max: 1000, help: 'teacher epochs (default 81, about 30 passes over the 57,000)' },
  lr: { kind: 'string', help: `peak learning rate (default the recipe's ${FINAL_TEACHER.optimizer.lr})` },
  wd: { kind: 'string', help: `decoupled weight decay (default the recipe's ${FINAL_TEACHER.weightDecay ?? 0})` },
  out: { kind: 'string', help: 'folder for the records (default /tmp/long-teacher)' },
} as const;

/** A number flag: the recipe's value when absent, a usage error naming the flag when not a number ≥ `min`. */
function numberFlag(flags: Partial<Record<string, string | number | boolean>>, name: string, fallback: number, min: number, exclusive: boolean): number {
  const text = flags[name];
  if (text === undefined) return fallback;
  const x = Number(text);
  if (!Number.isFinite(x) || x < min || (exclusive && x === min)) throw new UsageError(`${COMMAND}: option --${name} expects a number ${exclusive ? '>' : '≥'} ${min}, found '${text}'`);
  return x;
}

runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, COMMAND);
  const epochs = flags.epochs === undefined ? 81 : Number(flags.epochs);
  const lr = numberFlag(flags, 'lr', FINAL_TEACHER.optimizer.lr, 0, true);
  const wd = numberFlag(flags, 'wd', FINAL_TEACHER.weightDecay ?? 0, 0, false);
  const root = flags.out === undefined ? '/tmp/long-teacher' : String(flags.out);
  const split = loadCourseSplit();
  const { train, heldOut } = heldOutSplit(split.labeled);
  // No labelling of the 57,000 at the end: nothing reads it here.
  const { labelUnlabeled: _unused, ...teacher } = FINAL_TEACHER;
  const config: RunConfig = { ...teacher, name: `long-teacher-lr${lr}-wd${wd}`, epochs, weightDecay: wd, optimizer: { ...teacher.optimizer, lr } };
  const out = join(root, `${config.name}-e${epochs}.json`);
  const data = { labeled: train, unlabeled: split.unlabeled, validation: heldOut };
  const { record } = await runTraining(config, 1, { out, reuse: true, progress: makeProgress(process.stderr, false), data, root });
  console.log(JSON.stringify({ epochs, lr, wd, heldOut: record.epochs.map((e) => e.validationAccuracy), wallSeconds: record.wallSeconds }));
});
