/** Named model specs. Each is plain data; src/nn/build.ts builds any of them with the same code. */
import type { ModelSpec } from './spec';
import { validateSpec } from './spec';

/**
 * The assignment's starter CNN, exactly src/models/starter-cnn.ts: conv 10@5×5, max-pool, ReLU,
 * conv 20@5×5, Dropout2d 0.5, max-pool, ReLU, fc 320→50, ReLU, dropout 0.5, fc 50→10.
 */
export function starterSpec(options: { reluOnLogits?: boolean; conv2DropRate?: number; fc1DropRate?: number } = {}): ModelSpec {
  return {
    name: options.reluOnLogits ? 'starter-relu-logits' : 'starter',
    input: [28, 28, 1],
    layers: [
      { type: 'conv2d', filters: 10, kernel: 5 },
      { type: 'maxpool' },
      { type: 'relu' },
      { type: 'conv2d', filters: 20, kernel: 5 },
      { type: 'dropout2d', rate: options.conv2DropRate ?? 0.5 },
      { type: 'maxpool' },
      { type: 'relu' },
      { type: 'flatten' },
      { type: 'linear', units: 50 },
      { type: 'relu' },
      { type: 'dropout', rate: options.fc1DropRate ?? 0.5 },
      { type: 'linear', units: 10 },
      ...(options.reluOnLogits ? [{ type: 'relu' } as const] : []),
    ],
  };
}

/** The peer's bn32x64 (../shared/bench/peer_pytorch.py), layer for layer. */
export const BN32X64: ModelSpec = {
  name: 'bn32x64',
  input: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 32, kernel: 5, bias: false },
    { type: 'batchnorm' },
    { type: 'relu' },
    { type: 'maxpool' },
    { type: 'conv2d', filters: 64, kernel: 5, bias: false },
    { type: 'batchnorm' },
    { type: 'relu' },
    { type: 'maxpool' },
    { type: 'flatten' },
    { type: 'linear', units: 128, bias: false },
    { type: 'batchnorm' },
    { type: 'relu' },
    { type: 'dropout', rate: 0.5 },
    { type: 'linear', units: 10 },
  ],
};

const NAMED: Record<string, () => ModelSpec> = {
  starter: () => starterSpec(),
  'starter-relu-logits': () => starterSpec({ reluOnLogits: true }),
  bn32x64: () => BN32X64,
};

export const SPEC_NAMES: readonly string[] = Object.keys(NAMED);

/** A named spec, or a JSON spec given inline (a string starting with '{'). */
export function getSpec(nameOrJson: string): ModelSpec {
  if (nameOrJson.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(nameOrJson);
    } catch (e) {
      throw new Error(`model spec: not valid JSON (${(e as Error).message})`);
    }
    return validateSpec(parsed);
  }
  const make = NAMED[nameOrJson];
  if (make === undefined) throw new Error(`model spec: unknown name ${JSON.stringify(nameOrJson)}; expected one of ${SPEC_NAMES.join(', ')} or an inline JSON spec`);
  return validateSpec(structuredClone(make()));
}
