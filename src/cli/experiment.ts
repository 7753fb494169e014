import { getRunConfig, runConfigNames } from '../experiments/run-registry';
import { runTraining } from '../experiments/run';
import { parseFlags, runMain, UsageError } from './args';

const SPEC = {
  config: { kind: 'string', help: `run config (supervised or semi-supervised), one of: ${runConfigNames().join(', ')}` },
  seed: { kind: 'int', help: 'random seed (default 1)' },
  epochs: { kind: 'int', help: "number of epochs (default: the config's; a cosine schedule stretches to it, an α ramp keeps its epochs)" },
  out: { kind: 'string', help: 'result JSON path (default data/results/runs/<config>/epochs-<n>/seed-<seed>.json)' },
} as const;

runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, 'npm run experiment --');
  if (flags.config === undefined) throw new UsageError(`--config is required; valid configs: ${runConfigNames().join(', ')}`);
  let config = getRunConfig(String(flags.config));
  if (flags.epochs !== undefined) {
    const epochs = Number(flags.epochs);
    if (epochs < 1) throw new UsageError(`--epochs must be at least 1, found ${epochs}`);
    config = { ...config, epochs };
  }
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  const { record, path } = await runTraining(config, seed, { out: flags.out === undefined ? undefined : String(flags.out) });
  const f = record.final;
  process.stdout.write(
    `${config.name} seed ${seed} on ${record.backend.name}: validation accuracy ${(100 * f.validationAccuracy).toFixed(2)}% ` +
      `after ${f.epoch} epochs (${record.wallSeconds.toFixed(0)} s); wrote ${path}\n`,
  );
});
