import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeJsonAtomic } from '../results/atomic-write';
import type { RngState } from '../util/rng';
import type { SemiEpoch } from './epoch-tally';
import type { EpochRecord } from './records';
import type { RunState } from './run-state';
import { plural } from '../util/plural';

export const CHECKPOINT_SCHEMA = 'assignment-one/checkpoint@1';

/** Where a run's state is saved after each epoch, and the result key it belongs to. */
export interface CheckpointTarget {
  path: string;
  key: string;
}

/** A run's full state after `epoch` epochs; float arrays as base64 of their bytes (exact). */
interface CheckpointFile {
  schema: typeof CHECKPOINT_SCHEMA;
  key: string;
  epoch: number;
  parameters: string[];
  buffers: string[];
  optimizer: string[];
  ema: { parameters: string[]; buffers: string[] } | null;
  rngs: Record<string, RngState>;
  unlabeledStream: { order: string; pos: number; passes: number } | null;
  guardFirstLoss: number | null;
  epochs: EpochRecord[];
  semi: SemiEpoch[];
  /** Seconds the run had trained when this was written, over every process that worked on it. */
  elapsedSeconds: number;
}

const encode = (a: Float32Array | Int32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const floats = (s: string): Float32Array => {
  const b = Buffer.from(s, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const ints = (s: string): Int32Array => {
  const b = Buffer.from(s, 'base64');
  return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/** Writes the state atomically: a reader (or a resumed run) sees the previous checkpoint or this one. */
export function saveCheckpoint(target: CheckpointTarget, state: RunState): void {
  const { network, ema, unlabeledStream } = state;
  const file: CheckpointFile = {
    schema: CHECKPOINT_SCHEMA,
    key: target.key,
    epoch: state.epochs.length,
    parameters: network.parameters.map(encode),
    buffers: network.buffers.map(encode),
    optimizer: state.optimizer.state().map(encode),
    ema: ema ? { parameters: ema.parameters.map(encode), buffers: ema.buffers.map(encode) } : null,
    rngs: Object.fromEntries(Object.entries(state.streams).map(([name, rng]) => [name, rng.getState()])),
    unlabeledStream: unlabeledStream ? { ...unlabeledStream.getState(), order: encode(unlabeledStream.getState().order) } : null,
    guardFirstLoss: state.guard.firstLoss,
    epochs: state.epochs,
    semi: state.semi,
    elapsedSeconds: elapsedSeconds(state),
  };
  writeJsonAtomic(target.path, file);
}

/**
 * Loads a checkpoint of the same run (same key) into a freshly created state and returns the epochs
 * it had completed; 0 if there is none or it belongs to another config, seed or code (it is then
 * overwritten by the first new checkpoint).
 */
export function restoreCheckpoint(target: CheckpointTarget, state: RunState): number {
  if (!existsSync(target.path)) return 0;
  let file: CheckpointFile;
  try {
    file = JSON.parse(readFileSync(target.path, 'utf8')) as CheckpointFile;
  } catch (err) {
    throw new Error(`${target.path}: checkpoint is not valid JSON (${(err as Error).message}); delete it to start the run over`);
  }
  if (file.schema !== CHECKPOINT_SCHEMA) throw new Error(`${target.path}: expected schema '${CHECKPOINT_SCHEMA}', found ${JSON.stringify(file.schema)}; delete it to start over`);
  if (file.key !== target.key) return 0;
  const { network } = state;
  setAll(network.parameters, file.parameters.map(floats), `${target.path}: parameters`);
  setAll(network.buffers, file.buffers.map(floats), `${target.path}: buffers`);
  network.parametersChanged();
  state.optimizer.restore(file.optimizer.map(floats));
  if (state.ema && file.ema) state.ema.restore({ parameters: file.ema.parameters.map(floats), buffers: file.ema.buffers.map(floats) });
  for (const [name, rng] of Object.entries(state.streams)) {
    if (!file.rngs[name]) throw new Error(`${target.path}: no state for random stream '${name}'`);
    rng.setState(file.rngs[name]);
  }
  if (state.unlabeledStream && file.unlabeledStream) state.unlabeledStream.setState({ ...file.unlabeledStream, order: ints(file.unlabeledStream.order) });
  state.guard.firstLoss = file.guardFirstLoss;
  state.epochs.push(...file.epochs);
  state.semi.push(...file.semi);
  state.clock.priorSeconds = file.elapsedSeconds;
  return file.epoch;
}

/** The run's training seconds so far: this process's, plus those of the processes it resumed. */
export function elapsedSeconds(state: RunState): number {
  return state.clock.priorSeconds + (performance.now() - state.clock.started) / 1000;
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}

function setAll(target: Float32Array[], source: Float32Array[], what: string): void {
  if (target.length !== source.length) throw new Error(`${what}: expected ${plural(target.length, 'array')}, found ${source.length}`);
  source.forEach((s, i) => {
    if (s.length !== target[i].length) throw new Error(`${what}: array ${i} has ${plural(target[i].length, 'value')}, found ${s.length}`);
    target[i].set(s);
  });
}
