import type { InitializerName } from '../init/initializers';

/**
 * The course's starter CNN, as a config so that every experiment builds a fresh model.
 *
 * conv 1→10 (5×5) → max-pool 2 → ReLU → conv 10→20 (5×5) → channel dropout → max-pool 2 → ReLU
 * → fc 320→50 → ReLU → dropout → fc 50→10 → [ReLU, the starter's quirk] → log-softmax.
 */
export interface CnnConfig {
  arch: 'starter';
  initializer: InitializerName;
  /** The starter code applied ReLU to the logits before log-softmax; kept so the report can measure it. */
  reluOnLogits: boolean;
  /** Probability of dropping a whole conv2 channel (PyTorch's Dropout2d default 0.5). */
  conv2DropRate: number;
  /** Probability of dropping an fc1 unit (PyTorch's F.dropout default 0.5). */
  fc1DropRate: number;
}

export const STARTER_CNN: CnnConfig = Object.freeze({
  arch: 'starter',
  initializer: 'pytorch-default',
  reluOnLogits: false,
  conv2DropRate: 0.5,
  fc1DropRate: 0.5,
});

export function validateCnnConfig(config: CnnConfig): void {
  if (config.arch !== 'starter') throw new Error(`model.arch: expected 'starter', found '${config.arch}'`);
  for (const key of ['conv2DropRate', 'fc1DropRate'] as const) {
    const p = config[key];
    if (!(p >= 0 && p < 1)) throw new Error(`model.${key}: expected a probability in [0, 1), found ${p}`);
  }
}
