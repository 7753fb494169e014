/**
 * Issue 21 item 2: a checkpoint is checked field by field against the run before the trainer
 * (src/train/checkpoint.ts, which trusts it) restores it, so a hand-edited, truncated or foreign
 * checkpoint is refused with the file, the field, what was expected and what was found, instead of
 * a raw TypeError or, worse, a wrong record under a matching key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { lrFactorAt, normalizeSchedule } from '../optim/lr-schedule';
import { plural } from '../results/plural';
import { CHECKPOINT_SCHEMA } from '../train/checkpoint';
import type { TrainerConfig } from '../train/trainer-config';
import { modelSizes } from './model-plan';
import type { RunConfig } from './config';
import { trainerConfig } from './trainer-config';

export class CheckpointError extends Error {}

type Obj = Record<string, unknown>;
const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 80) ?? String(v));
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field reader that names the file and the field in every complaint. */
class Fields {
  constructor(readonly path: string, readonly run: string) {}

  /** `found` is a field's value, shown as JSON, or with `described` a description of it ("3 bytes"). */
  fail(field: string, expected: string, found: unknown, described = false): never {
    const what = described ? String(found) : show(found);
    throw new CheckpointError(`${this.path}: checkpoint of ${this.run}, field '${field}': expected ${expected}, found ${what}; delete the file to start the run over`);
  }

  object(v: unknown, field: string): Obj {
    return isObj(v) ? v : this.fail(field, 'an object', v);
  }

  array(v: unknown, field: string): unknown[] {
    return Array.isArray(v) ? v : this.fail(field, 'an array', v);
  }

  /** Base64 of float32 (or int32) bytes: its byte length a multiple of 4, and `values` long if given. */
  tensor(v: unknown, field: string, values?: number): void {
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) this.fail(field, 'a base64 string', v);
    const bytes = Buffer.byteLength(v, 'base64');
    if (bytes % 4 !== 0) this.fail(field, 'a byte length that is a multiple of 4 (float32 values)', `${bytes} bytes`, true);
    if (values !== undefined && bytes / 4 !== values) this.fail(field, plural(values, 'value'), plural(bytes / 4, 'value'), true);
  }

  tensors(v: unknown, field: string, sizes: readonly number[]): void {
    const list = this.array(v, field);
    if (list.length !== sizes.length) this.fail(field, plural(sizes.length, 'array'), plural(list.length, 'array'), true);
    list.forEach((t, i) => this.tensor(t, `${field}[${i}]`, sizes[i]));
  }

  finite(v: unknown, field: string): number {
    return typeof v === 'number' && Number.isFinite(v) ? v : this.fail(field, 'a finite number', v);
  }

  int(v: unknown, field: string, min: number, max: number): number {
    return Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : this.fail(field, `an integer from ${min} to ${max}`, v);
  }
}

const EPOCH_NUMBERS = ['trainLoss', 'trainAccuracy', 'evalTrainLoss', 'evalTrainAccuracy', 'validationLoss', 'validationAccuracy', 'trainSeconds', 'seconds'];

/** `epochs` and `semi`: k records numbered 1..k in order, every number finite. */
function checkEpochLog(f: Fields, file: Obj, k: number): void {
  for (const name of ['epochs', 'semi'] as const) {
    const log = f.array(file[name], name);
    if (log.length !== k) f.fail(name, `${plural(k, 'record')} (the checkpoint's 'epoch' is ${k})`, plural(log.length, 'record'), true);
    log.forEach((r, i) => {
      const rec = f.object(r, `${name}[${i}]`);
      if (rec.epoch !== i + 1) f.fail(`${name}[${i}].epoch`, `${i + 1} (epochs numbered 1..${k} in order)`, rec.epoch);
      const numbers = name === 'epochs' ? EPOCH_NUMBERS : ['alpha', 'alphaMean', 'lrFactor', 'unlabeledSeen', 'pseudoLabelAccuracy', 'acceptedFraction', 'unlabeledLoss'];
      for (const n of numbers) f.finite(rec[n], `${name}[${i}].${n}`);
    });
  }
}

/**
 * The schedule's factor at an epoch's last step lies between its values at the epoch's two ends
 * (every schedule is monotone within an epoch): a 4-epoch cosine run's state under a 5-epoch key
 * fails this at its first epoch. Warm-up only lowers the factor, so then the upper end alone holds.
 */
function checkLrFactors(f: Fields, semi: Obj[], config: TrainerConfig): void {
  const schedule = normalizeSchedule(config.lrSchedule ?? 'constant');
  const warm = (schedule.warmupEpochs ?? 0) > 0;
  const spec = { ...schedule, warmupEpochs: 0 };
  semi.forEach((s, i) => {
    const a = lrFactorAt(spec, i, config.epochs, 1), b = lrFactorAt(spec, i + 1 - 1e-9, config.epochs, 1);
    const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
    const v = s.lrFactor as number;
    if (v > hi + 1e-6 || (!warm && v < lo - 1e-6)) {
      f.fail(`semi[${i}].lrFactor`, `a value in [${lo.toFixed(4)}, ${hi.toFixed(4)}] (the schedule of a ${config.epochs}-epoch run)`, v);
    }
  });
}

function checkState(f: Fields, file: Obj, config: TrainerConfig, run: RunConfig): void {
  const sizes = modelSizes(run.model);
  f.tensors(file.parameters, 'parameters', sizes.parameters);
  f.tensors(file.buffers, 'buffers', sizes.buffers);
  f.tensors(file.optimizer, 'optimizer', config.optimizer.kind === 'sgd' ? [] : sizes.parameters);
  if (config.ema) {
    const ema = f.object(file.ema, 'ema');
    f.tensors(ema.parameters, 'ema.parameters', sizes.parameters);
    f.tensors(ema.buffers, 'ema.buffers', sizes.buffers);
  } else if (file.ema !== null) f.fail('ema', 'null (the config has no EMA)', file.ema);
  const rngs = f.object(file.rngs, 'rngs');
  for (const name of ['root', 'init', 'shuffle', 'augment', 'dropout', 'pool', 'stream', 'weak', 'strong', 'tta']) {
    const r = f.object(rngs[name], `rngs.${name}`);
    for (const w of ['a', 'b', 'c', 'd']) f.int(r[w], `rngs.${name}.${w}`, -(2 ** 31), 2 ** 32 - 1);
    if (r.spareNormal !== null) f.finite(r.spareNormal, `rngs.${name}.spareNormal`);
  }
  if (config.unlabeled) {
    const u = f.object(file.unlabeledStream, 'unlabeledStream');
    f.tensor(u.order, 'unlabeledStream.order', config.unlabeledPool ?? undefined);
    const n = Buffer.byteLength(String(u.order), 'base64') / 4;
    f.int(u.pos, 'unlabeledStream.pos', 0, n);
    f.int(u.passes, 'unlabeledStream.passes', 0, Number.MAX_SAFE_INTEGER);
  } else if (file.unlabeledStream !== null) f.fail('unlabeledStream', 'null (the config has no unlabeled term)', file.unlabeledStream);
  if (file.guardFirstLoss !== null) f.finite(file.guardFirstLoss, 'guardFirstLoss');
  const elapsed = f.finite(file.elapsedSeconds, 'elapsedSeconds');
  if (elapsed < 0) f.fail('elapsedSeconds', 'seconds ≥ 0', elapsed);
}

/**
 * Checks the checkpoint at `path` against the run it would resume. Returns the epochs it holds,
 * 0 if there is none or it belongs to another key (the trainer then starts over); throws a
 * CheckpointError naming the file, the run and the field otherwise.
 */
export function checkCheckpoint(path: string, config: RunConfig, seed: number, key: string): number {
  if (!existsSync(path)) return 0;
  const f = new Fields(path, `run '${config.name}' seed ${seed}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CheckpointError(`${path}: checkpoint is not valid JSON (${(err as Error).message}); delete it to start the run over`);
  }
  const file = f.object(parsed, '(the whole file)');
  if (file.schema !== CHECKPOINT_SCHEMA) f.fail('schema', `'${CHECKPOINT_SCHEMA}'`, file.schema);
  if (typeof file.key !== 'string') f.fail('key', 'a string', file.key);
  if (file.key !== key) return 0;
  const trainer = trainerConfig(config);
  // The trainer writes a checkpoint only after an epoch that is not the run's last.
  const k = f.int(file.epoch, 'epoch', 1, trainer.epochs - 1);
  checkEpochLog(f, file, k);
  checkLrFactors(f, file.semi as Obj[], trainer);
  checkState(f, file, trainer, config);
  return k;
}
