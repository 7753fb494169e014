/**
 * Models as data: a sequential list of layer descriptions (JSON), checked here with errors that
 * name the layer, what was expected and what was found. src/nn/build.ts turns a spec into a Network.
 */
import { INITIALIZERS, type InitializerName } from '../init/initializers';

export type LayerSpec =
  | { type: 'conv2d'; filters: number; kernel: number; stride?: 1 | 2; padding?: 'valid' | 'same'; bias?: boolean }
  | { type: 'batchnorm' }
  | { type: 'relu' }
  | { type: 'maxpool' }
  | { type: 'dropout'; rate: number }
  | { type: 'dropout2d'; rate: number }
  | { type: 'flatten' }
  | { type: 'gap' }
  | { type: 'linear'; units: number; bias?: boolean };

export interface ModelSpec {
  name: string;
  /** One example's shape, [h, w, c]; MNIST is [28, 28, 1]. */
  input: [number, number, number];
  layers: LayerSpec[];
  /** Weight initializer of conv and linear layers (default 'pytorch-default'). */
  initializer?: InitializerName;
  /** Label smoothing ε of the loss (default 0). */
  labelSmoothing?: number;
}

const LAYER_TYPES = ['conv2d', 'batchnorm', 'relu', 'maxpool', 'dropout', 'dropout2d', 'flatten', 'gap', 'linear'];

export class SpecError extends Error {}

function where(spec: { name?: unknown }, i: number | null): string {
  const name = typeof spec.name === 'string' ? spec.name : '(unnamed)';
  return i === null ? `model spec ${JSON.stringify(name)}` : `model spec ${JSON.stringify(name)}, layer ${i}`;
}

function positiveInt(v: unknown, what: string, at: string): void {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1)) throw new SpecError(`${at}: ${what} must be a positive integer, found ${JSON.stringify(v)}`);
}

/** Checks one layer's own fields (not its fit with its neighbours: the builder checks shapes). */
function checkLayer(l: Record<string, unknown>, at: string): void {
  if (!LAYER_TYPES.includes(l.type as string)) throw new SpecError(`${at}: type must be one of ${LAYER_TYPES.join(', ')}, found ${JSON.stringify(l.type)}`);
  const allowed: Record<string, string[]> = {
    conv2d: ['filters', 'kernel', 'stride', 'padding', 'bias'], linear: ['units', 'bias'], dropout: ['rate'], dropout2d: ['rate'],
  };
  for (const key of Object.keys(l)) {
    if (key !== 'type' && !(allowed[l.type as string] ?? []).includes(key)) throw new SpecError(`${at}: unknown field ${JSON.stringify(key)} for a ${l.type} layer`);
  }
  if (l.type === 'conv2d') {
    positiveInt(l.filters, 'filters', at);
    positiveInt(l.kernel, 'kernel', at);
    if (l.stride !== undefined && l.stride !== 1 && l.stride !== 2) throw new SpecError(`${at}: stride must be 1 or 2, found ${JSON.stringify(l.stride)}`);
    if (l.padding !== undefined && l.padding !== 'valid' && l.padding !== 'same') throw new SpecError(`${at}: padding must be 'valid' or 'same', found ${JSON.stringify(l.padding)}`);
  }
  if (l.type === 'linear') positiveInt(l.units, 'units', at);
  if ((l.type === 'conv2d' || l.type === 'linear') && l.bias !== undefined && typeof l.bias !== 'boolean') {
    throw new SpecError(`${at}: bias must be true or false, found ${JSON.stringify(l.bias)}`);
  }
  if ((l.type === 'dropout' || l.type === 'dropout2d') && !(typeof l.rate === 'number' && l.rate >= 0 && l.rate < 1)) {
    throw new SpecError(`${at}: rate must be a number in [0, 1), found ${JSON.stringify(l.rate)}`);
  }
}

/** Checks a parsed JSON value and returns it typed as a ModelSpec. */
export function validateSpec(value: unknown): ModelSpec {
  if (typeof value !== 'object' || value === null) throw new SpecError(`model spec: expected an object, found ${JSON.stringify(value)}`);
  const s = value as Record<string, unknown>;
  if (typeof s.name !== 'string' || s.name === '') throw new SpecError(`model spec: name must be a non-empty string, found ${JSON.stringify(s.name)}`);
  const at = where(s, null);
  if (!Array.isArray(s.input) || s.input.length !== 3) throw new SpecError(`${at}: input must be [h, w, c], found ${JSON.stringify(s.input)}`);
  s.input.forEach((d, i) => positiveInt(d, `input[${i}]`, at));
  if (!Array.isArray(s.layers) || s.layers.length === 0) throw new SpecError(`${at}: layers must be a non-empty array, found ${JSON.stringify(s.layers)}`);
  s.layers.forEach((l, i) => {
    if (typeof l !== 'object' || l === null) throw new SpecError(`${where(s, i)}: expected an object, found ${JSON.stringify(l)}`);
    checkLayer(l as Record<string, unknown>, where(s, i));
  });
  if (s.initializer !== undefined && !(INITIALIZERS as readonly unknown[]).includes(s.initializer)) {
    throw new SpecError(`${at}: initializer must be one of ${INITIALIZERS.join(', ')}, found ${JSON.stringify(s.initializer)}`);
  }
  if (s.labelSmoothing !== undefined && !(typeof s.labelSmoothing === 'number' && s.labelSmoothing >= 0 && s.labelSmoothing < 1)) {
    throw new SpecError(`${at}: labelSmoothing must be a number in [0, 1), found ${JSON.stringify(s.labelSmoothing)}`);
  }
  for (const key of Object.keys(s)) {
    if (!['name', 'input', 'layers', 'initializer', 'labelSmoothing'].includes(key)) throw new SpecError(`${at}: unknown field ${JSON.stringify(key)}`);
  }
  return value as ModelSpec;
}
