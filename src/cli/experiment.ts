import { MAX_EPOCHS } from '../experiments/config';
import { getRunConfig, runConfigNames } from '../experiments/registry';
import { assertWritableFile } from '../results/atomic-write';
import { MAX_SEED } from '../util/rng';
import { preflightRun } from '../experiments/model-preflight';
import { preflightRuns } from '../experiments/preflight';
import { withRunLock } from '../experiments/run-lock';
import { defaultResultPath, runTraining } from '../experiments/run';
import { parseFlags, runMain, UsageError } from './args';
import { plural } from '../results/plural';

const SPEC = {
  config: { kind: 'string', help: `run config (supervised or semi-supervised), one of: ${runConfigNames().join(', ')}` },
  seed: { kind: 'int', help: `random seed, 0 to ${MAX_SEED} (default 1)`, min: 0, max: MAX_SEED },
  epochs: { kind: 'int', help: `number of epochs, 1 to ${MAX_EPOCHS} (default: the config's; a cosine schedule stretches to it, an α ramp keeps its epochs)`, min: 1, max: MAX_EPOCHS },
  out: { kind: 'string', help: 'result JSON path (default data/results/runs/<config>/epochs-<n>/seed-<seed>.json)' },
  retrain: { kind: 'boolean', help: 'allowed to overwrite a committed record in data/results/ (otherwise refused, or asked at a terminal)' },
} as const;

runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, 'npm run experiment --');
  if (flags.config === undefined) throw new UsageError(`--config is required; valid configs: ${runConfigNames().join(', ')}`);
  let config = getRunConfig(String(flags.config));
  if (flags.epochs !== undefined) config = { ...config, epochs: Number(flags.epochs) };
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  // Before anything is allocated: a model that would not fit in memory, or an MNIST file that is a folder, is refused.
  preflightRun(config);
  const out = flags.out === undefined ? undefined : String(flags.out);
  // Before training: a bad path found after an hour's run wastes the run.
  if (out !== undefined) {
    try {
      assertWritableFile(out, '--out');
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const target = out ?? defaultResultPath(config, seed);
  await preflightRuns([{ config, seed, path: target }], { reuse: false, retrain: flags.retrain === true || undefined });
  const { record, path } = await withRunLock(target, () => runTraining(config, seed, { out }));
  const f = record.final;
  process.stdout.write(
    `${config.name} seed ${seed} on ${record.backend.name}: validation accuracy ${(100 * f.validationAccuracy).toFixed(2)}% ` +
      `after ${plural(f.epoch, 'epoch')} (${record.wallSeconds.toFixed(0)} s); wrote ${path}\n`,
  );
});
