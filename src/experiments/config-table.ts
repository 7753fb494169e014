/**
 * The report's configuration table, generated from the configs the runs actually used, so the
 * text cannot drift from the code: change a config and the table changes with it.
 */
import { describeAugment } from '../augment/pipeline';
import type { CnnConfig } from '../models/config';
import type { OptimizerConfig } from '../optim/functional';
import type { RunConfig } from './config';
import { plural } from '../results/plural';

const INITIALIZER_NAMES: Record<string, string> = {
  'pytorch-default': 'PyTorch default, U(±1/√fan_in)',
  'xavier-uniform': 'Xavier (Glorot) uniform',
  'xavier-normal': 'Xavier (Glorot) normal',
  'lecun-uniform': 'LeCun uniform',
  'lecun-normal': 'LeCun normal',
  'he-uniform': 'He uniform',
  'he-normal': 'He normal',
};

export function describeInitializer(name: string): string {
  return INITIALIZER_NAMES[name] ?? name;
}

export function describeOptimizer(o: OptimizerConfig): string {
  if (o.kind === 'sgd') return `plain SGD, lr ${o.lr}`;
  const kind = o.kind === 'nesterov' ? 'Nesterov momentum (NAG)' : 'classical momentum';
  return `${kind}, lr ${o.lr}, μ ${o.momentum}`;
}

export function describeDropout(m: CnnConfig): string {
  return `conv2 channels ${m.conv2DropRate}, fc1 units ${m.fc1DropRate}`;
}

export function describeStopping(c: RunConfig): string {
  if (c.stopping.kind !== 'fixed-epochs') {
    throw new Error(`describeStopping (src/experiments/config-table.ts): ${c.name}: unknown stopping kind ${JSON.stringify((c.stopping as { kind: unknown }).kind)}`);
  }
  return `fixed ${plural(c.epochs, 'epoch')}; last epoch reported`;
}

export type ConfigRow = Record<string, string | number>;

/** The table's columns describe the starter CNN's knobs; another architecture has other ones. */
function starterModel(c: RunConfig): CnnConfig {
  if (c.model.arch !== 'starter') throw new Error(`configTable (src/experiments/config-table.ts): ${c.name}: expected the starter CNN, found model arch '${c.model.arch}'`);
  return c.model;
}

/** One row per config, one column per setting that may differ between experiments. */
export function configTable(configs: readonly RunConfig[]): ConfigRow[] {
  if (configs.length === 0) throw new Error('configTable (src/experiments/config-table.ts): expected at least one config');
  return configs.map((c) => ({
    Experiment: c.title,
    Initializer: describeInitializer(starterModel(c).initializer),
    'ReLU on logits': starterModel(c).reluOnLogits ? 'yes (starter quirk)' : 'no',
    'Dropout rate': describeDropout(starterModel(c)),
    Optimizer: c.optimizer.kind === 'sgd' ? 'SGD' : 'SGD with momentum',
    'Learning rate': String(c.optimizer.lr),
    'Momentum μ': String(c.optimizer.momentum ?? 0),
    Nesterov: c.optimizer.kind === 'nesterov' ? 'yes' : 'no',
    'Batch size': String(c.batchSize),
    Epochs: String(c.epochs),
    Augmentation: c.labeledAugment ? describeAugment(c.labeledAugment) : 'none',
    Stopping: describeStopping(c),
  }));
}
