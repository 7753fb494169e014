import { DEFAULT_AUGMENT } from '../augment/pipeline';
import { STARTER_CNN } from '../models/config';
import type { ExperimentConfig } from './config';

/** The starter code's optimizer settings (lr 0.01, momentum 0.5, batch 64), with Nesterov on. */
const NAG = { kind: 'nesterov', lr: 0.01, momentum: 0.5 } as const;

function config(c: ExperimentConfig): ExperimentConfig {
  return Object.freeze(c);
}

/** Named supervised experiments. The epoch count here is the full profile; `--epochs` overrides it. */
export const EXPERIMENTS: Readonly<Record<string, ExperimentConfig>> = Object.freeze({
  baseline: config({
    name: 'baseline',
    title: 'Baseline (NAG and dropout)',
    model: STARTER_CNN,
    optimizer: NAG,
    batchSize: 64,
    epochs: 15,
    augment: null,
    stopping: { kind: 'fixed-epochs' },
  }),
  'starter-relu-logits': config({
    name: 'starter-relu-logits',
    title: "Baseline with the starter's ReLU on the logits",
    model: { ...STARTER_CNN, reluOnLogits: true },
    optimizer: NAG,
    batchSize: 64,
    epochs: 15,
    augment: null,
    stopping: { kind: 'fixed-epochs' },
  }),
  'starter-momentum': config({
    name: 'starter-momentum',
    title: "The starter's classical momentum (no Nesterov)",
    model: STARTER_CNN,
    optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.5 },
    batchSize: 64,
    epochs: 15,
    augment: null,
    stopping: { kind: 'fixed-epochs' },
  }),
  xavier: config({
    name: 'xavier',
    title: 'Baseline + Xavier',
    model: { ...STARTER_CNN, initializer: 'xavier-uniform' },
    optimizer: NAG,
    batchSize: 64,
    epochs: 15,
    augment: null,
    stopping: { kind: 'fixed-epochs' },
  }),
  'xavier-augment': config({
    name: 'xavier-augment',
    title: 'Baseline + Xavier + data augmentation',
    model: { ...STARTER_CNN, initializer: 'xavier-uniform' },
    optimizer: NAG,
    batchSize: 64,
    epochs: 15,
    augment: DEFAULT_AUGMENT,
    stopping: { kind: 'fixed-epochs' },
  }),
});

export function experimentNames(): string[] {
  return Object.keys(EXPERIMENTS);
}

export function getExperiment(name: string): ExperimentConfig {
  const found = EXPERIMENTS[name];
  if (!found) throw new Error(`unknown config '${name}'; valid configs: ${experimentNames().join(', ')}`);
  return found;
}
