/**
 * The final model's settings, one row per setting and one column per stage, generated from the run
 * configs (and the network spec they name), so that the report states the recipe exactly as it ran.
 */
import { describeAugment } from '../augment/pipeline';
import type { RunConfig } from '../experiments/config';
import { describeOptimizer, describeStopping } from '../experiments/config-table';
import type { LayerSpec } from '../nn/spec';
import { getSpec } from '../nn/specs';

/** "conv 32@5×5 (no bias) → BN → ReLU → max-pool 2×2 → …" from a spec's layers. */
export function describeLayers(layers: readonly LayerSpec[]): string {
  return layers
    .map((l) => {
      switch (l.type) {
        case 'conv2d': return `conv ${l.filters}@${l.kernel}×${l.kernel}${l.bias === false ? ' (no bias)' : ''}`;
        case 'batchnorm': return 'BN';
        case 'relu': return 'ReLU';
        case 'maxpool': return 'max-pool 2×2';
        case 'dropout': return `dropout ${l.rate}`;
        case 'dropout2d': return `channel dropout ${l.rate}`;
        case 'flatten': return 'flatten';
        case 'gap': return 'global average pool';
        case 'linear': return `fc ${l.units}${l.bias === false ? ' (no bias)' : ''}`;
      }
    })
    .join(' → ');
}

function network(c: RunConfig): string {
  if (c.model.arch !== 'spec') throw new Error(`finalSettingsRows (src/report/final-settings.ts): ${c.name}: expected a spec network, found model arch '${c.model.arch}'`);
  // The layers, not the spec's name: the name is ours, the layers are what a reader needs.
  return describeLayers(getSpec(c.model.spec).layers);
}

/** A setting as written: at most three decimals, so a rescaled epoch reads 0.6, not 0.6000000000000001. */
const num = (x: number) => String(Number(x.toFixed(3)));

/** What a view draws; the clause every view shares (uniform, independent draws; one bilinear resampling with
 *  background fill) is left to the table's caption, so the table does not repeat it in every row. */
export const describeView = (a: Parameters<typeof describeAugment>[0] | null | undefined): string =>
  a
    ? describeAugment(a)
        .replace(/^Each epoch, every training image gets /, '')
        .replace(/\.$/, '')
        .replace(/, drawn uniformly and independently/g, '')
        .replace(/, all in one bilinear resampling with background fill/g, '')
        .replace(/\ba (?=(?:8\d*|11|18)×)/g, 'an ') // "an 8×8 square", as the number is spoken
    : 'none';

/** Where a run's weights start: fresh, or the final weights of the run it starts from (same seed). */
function initialWeights(c: RunConfig): string {
  if (c.start) return c.start.unlabeled || c.start.teacher ? `the final weights of its start, ${c.start.title} (same seed)` : 'the labels-only run\'s final weights (same seed)';
  return c.teacher ? 'fresh (not the teacher\'s)' : 'fresh';
}

/** A student's targets for the unlabeled images: one teacher's labels, or the mean over the teachers of several seeds. */
function teacherLabels(c: RunConfig): string {
  const seeds = c.teacherSeeds;
  if (!seeds || seeds.length <= 1) return "the teacher's labels (same seed)";
  return `the mean of the class probabilities of the teachers of seeds ${seeds.slice(0, -1).join(', ')} and ${seeds[seeds.length - 1]} (soft labels)`;
}

/** The ramp of the unlabeled term's weight; a ramp that ends at or before epoch 0 is full weight from the first step. */
function unlabeledWeight(a: { t1: number; t2: number; alphaF: number }): string {
  return a.t2 <= 0 ? `${num(a.alphaF)} from the first step` : `0 before epoch ${num(a.t1)}, linear to ${num(a.alphaF)} at epoch ${num(a.t2)}`;
}

/** Rows {Setting, <stage name>: value}; a setting a stage does not have reads "—". */
export function finalSettingsRows(configs: readonly RunConfig[], counts: { labeled: number; unlabeled: number }): Record<string, string>[] {
  if (configs.length === 0) throw new Error('finalSettingsRows (src/report/final-settings.ts): expected at least one config');
  const int = (n: number) => n.toLocaleString('en-US');
  const settings: [string, (c: RunConfig) => string][] = [
    ['Network', network],
    ['Initial weights', initialWeights],
    ['Training images', (c) =>
      c.teacher
        ? `${int(counts.labeled)} with their labels + ${int(counts.unlabeled)} with ${teacherLabels(c)}`
        : c.unlabeled
          ? `${int(counts.labeled)} labeled; ${int(counts.unlabeled)} unlabeled through the unlabeled term`
          : `${int(counts.labeled)} labeled`],
    ['Optimizer', (c) => describeOptimizer(c.optimizer)],
    ['Learning-rate schedule', (c) => (typeof c.lrSchedule === 'string' ? c.lrSchedule : JSON.stringify(c.lrSchedule)) + ' (to 0 at the last step)'],
    ['Weight decay (decoupled)', (c) => (c.weightDecay ? String(c.weightDecay) : 'none')],
    ['Weight average (EMA)', (c) => (c.ema ? `decay ${c.ema.decay}${c.ema.evaluate ? ', used for evaluation and predictions' : ''}` : 'none')],
    ['Batch size (labeled)', (c) => String(c.batchSize)],
    ['Epochs (passes over the labeled batch stream)', (c) => String(c.epochs)],
    ['Augmentation of the labeled batch', (c) => describeView(c.labeledAugment)],
    ['Unlabeled batch (μ × batch)', (c) => (c.unlabeled ? `${c.unlabeled.batchSize} (μ = ${c.unlabeled.batchSize / c.batchSize})` : '—')],
    ['Weight of the unlabeled term', (c) => (c.unlabeled ? unlabeledWeight(c.unlabeled.alpha) : '—')],
    ['Confidence threshold τ', (c) => (c.unlabeled ? String(c.unlabeled.threshold) : '—')],
    ['Pseudo-label from', (c) => (c.unlabeled ? `${c.unlabeled.teacher === 'ema' ? 'the weight average' : 'the live network'} in eval mode, on the weak view` : '—')],
    ['Weak view (pseudo-label)', (c) => (c.unlabeled ? describeView(c.unlabeled.weakAugment) : '—')],
    ['Strong view (loss)', (c) => (c.unlabeled ? describeView(c.unlabeled.strongAugment ?? c.unlabeled.weakAugment) : '—')],
    ['Labels for the unlabeled images', (c) => (c.labelUnlabeled ? `after the last epoch: mean probability over the image and ${c.labelUnlabeled.views} weak views (${describeView(c.labelUnlabeled.augment)})` : '—')],
    ['Stopping', describeStopping],
  ];
  return settings.map(([setting, f]) => {
    const row: Record<string, string> = { Setting: setting };
    for (const c of configs) row[c.name] = f(c);
    return row;
  });
}

/**
 * The same settings as two columns: a value shared by every stage once, otherwise each stage's value
 * after its label ("final-fixmatch: 0.95"), leaving out stages that do not have the setting.
 */
export function compactSettingsRows(rows: readonly Record<string, string>[], labels: Readonly<Record<string, string>> = {}): { Setting: string; Value: string }[] {
  return rows.map((row) => {
    const stages = Object.keys(row).filter((k) => k !== 'Setting');
    const values = stages.map((k) => row[k]!);
    if (values.every((v) => v === values[0])) return { Setting: row.Setting!, Value: values[0]! };
    // A reader knows the stages by role ("teacher"), not by the run's name in the registry.
    const parts = stages.filter((k) => row[k] !== '—').map((k) => `${labels[k] ?? k}: ${row[k]}`);
    return { Setting: row.Setting!, Value: parts.join('; ') };
  });
}
