import { DEFAULT_AUGMENT } from '../augment/pipeline';
import { STARTER_CNN } from '../models/config';
import type { ExperimentConfig } from './config';

/** The starter code's optimizer settings (lr 0.01, momentum 0.5, batch 64), with Nesterov on. */
const NAG = { kind: 'nesterov', lr: 0.01, momentum: 0.5 } as const;

/**
 * What every supervised experiment shares, so that the comparison is fair by construction: the
 * optimizer, batch size, epoch budget and stopping rule. Each experiment states only what it changes.
 */
const SHARED = {
  model: STARTER_CNN,
  optimizer: NAG,
  batchSize: 64,
  epochs: 15,
  augment: null,
  stopping: { kind: 'fixed-epochs' },
} as const;

function config(c: Pick<ExperimentConfig, 'name' | 'title'> & Partial<ExperimentConfig>): ExperimentConfig {
  return Object.freeze({ ...SHARED, ...c });
}

/** Named supervised experiments. The epoch count here is the full profile; `--epochs` overrides it. */
export const EXPERIMENTS: Readonly<Record<string, ExperimentConfig>> = Object.freeze({
  baseline: config({ name: 'baseline', title: 'Baseline (NAG and dropout)' }),
  'starter-relu-logits': config({
    name: 'starter-relu-logits',
    title: "Baseline with the starter's ReLU on the logits",
    model: { ...STARTER_CNN, reluOnLogits: true },
  }),
  'starter-momentum': config({
    name: 'starter-momentum',
    title: "The starter's classical momentum (no Nesterov)",
    optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.5 },
  }),
  xavier: config({
    name: 'xavier',
    title: 'Baseline + Xavier',
    model: { ...STARTER_CNN, initializer: 'xavier-uniform' },
  }),
  'xavier-augment': config({
    name: 'xavier-augment',
    title: 'Baseline + Xavier + data augmentation',
    model: { ...STARTER_CNN, initializer: 'xavier-uniform' },
    augment: DEFAULT_AUGMENT,
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
