/**
 * A run's final weights on disk, beside its record (result-paths.ts: seed-<s>.state.json), for the
 * runs that warm-start from it. Not committed: a fresh clone that must train a warm-started run
 * trains its start again first, which reproduces the same weights (training is deterministic).
 */
import { existsSync } from 'node:fs';
import { readJsonObject } from '../results/read-json';
import { writeJsonAtomic } from '../results/atomic-write';
import type { NetworkState } from '../train/network-state';

export const FINAL_STATE_SCHEMA = 'assignment-one/final-state@1';

const encode = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function decode(s: unknown, where: string): Float32Array {
  if (typeof s !== 'string') throw new Error(`${where}: expected a base64 string, found ${typeof s}`);
  const b = Buffer.from(s, 'base64');
  if (b.byteLength % 4 !== 0) throw new Error(`${where}: ${b.byteLength} bytes is not a whole number of float32 values`);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Writes the state of the run whose record has `key`, atomically. */
export function writeFinalState(path: string, key: string, state: NetworkState): void {
  writeJsonAtomic(path, { schema: FINAL_STATE_SCHEMA, key, parameters: state.parameters.map(encode), buffers: state.buffers.map(encode) });
}

/** The saved state of the run with `key`, or null if there is none or it belongs to another key. */
export function readFinalState(path: string, key: string): NetworkState | null {
  if (!existsSync(path)) return null;
  const file = readJsonObject(path, 'final state');
  if (file.schema !== FINAL_STATE_SCHEMA) throw new Error(`${path}: expected schema '${FINAL_STATE_SCHEMA}', found ${JSON.stringify(file.schema)}; delete it to train its run again`);
  if (file.key !== key) return null;
  const arrays = (name: 'parameters' | 'buffers'): Float32Array[] => {
    const list = file[name];
    if (!Array.isArray(list)) throw new Error(`${path}: '${name}' must be an array, found ${typeof list}`);
    return list.map((s, i) => decode(s, `${path}: ${name}[${i}]`));
  };
  return { parameters: arrays('parameters'), buffers: arrays('buffers') };
}
