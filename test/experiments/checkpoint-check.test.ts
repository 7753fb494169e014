// Issue 21 item 2: a checkpoint is checked field by field against its run before it is resumed.
// The checkpoint is written by the real writer (saveCheckpoint) from a real run state, then edited
// as the probes did.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { initBackend } from '../../src/backend/select';
import { checkCheckpoint } from '../../src/experiments/checkpoint-check';
import type { RunConfig } from '../../src/experiments/config';
import { preflightRuns } from '../../src/experiments/preflight';
import { getRunConfig } from '../../src/experiments/registry';
import { runKey } from '../../src/experiments/run';
import { trainerConfig } from '../../src/experiments/trainer-config';
import { buildNetwork } from '../../src/models/build-network';
import { lrFactorAt } from '../../src/optim/lr-schedule';
import { saveCheckpoint } from '../../src/train/checkpoint';
import { createRunState, type TrainData } from '../../src/train/run-state';

const dir = mkdtempSync(join(tmpdir(), 'checkpoint-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const KEY = 'k'.repeat(16);
const STEPS = 47;

/** A real checkpoint of `config` after `epochs` epochs, written by `saveCheckpoint`; the epoch log as `config` would have logged it. */
function writeCheckpoint(config: RunConfig, epochs: number, name: string, key = KEY): string {
  const trainer = trainerConfig(config);
  const state = createRunState(trainer, (rng) => buildNetwork(config.model, rng), {} as TrainData, 1);
  try {
    for (let e = 1; e <= epochs; e++) {
      state.epochs.push({ epoch: e, trainLoss: 1, trainAccuracy: 0.5, evalTrainLoss: 1, evalTrainAccuracy: 0.5, validationLoss: 1, validationAccuracy: 0.5, trainSeconds: 1, seconds: 1 });
      const lrFactor = lrFactorAt(trainer.lrSchedule ?? 'constant', e - 1 + (STEPS - 1) / STEPS, trainer.epochs, STEPS);
      state.semi.push({ epoch: e, alpha: 0, alphaMean: 0, lrFactor, unlabeledSeen: 0, pseudoLabelAccuracy: 0, acceptedFraction: 1, acceptedAccuracy: null, unlabeledLoss: 0 });
    }
    const path = join(dir, `${name}.checkpoint.json`);
    saveCheckpoint({ path, key }, state);
    return path;
  } finally {
    state.network.dispose();
  }
}

function edit(path: string, change: (file: Record<string, any>) => void): string {
  const file = JSON.parse(readFileSync(path, 'utf8'));
  change(file);
  const out = path.replace('.checkpoint.json', `-${Math.random().toString(36).slice(2)}.checkpoint.json`);
  writeFileSync(out, JSON.stringify(file));
  return out;
}

const semi = (): RunConfig => ({ ...getRunConfig('labeled-only'), epochs: 5 });
let good: string;
before(async () => {
  await initBackend();
  good = writeCheckpoint(semi(), 3, 'good');
});

test('a checkpoint as the trainer writes it passes, and one of another key is left to the trainer', () => {
  assert.equal(checkCheckpoint(good, semi(), 1, KEY), 3);
  assert.equal(checkCheckpoint(good, semi(), 1, 'another-key'), 0);
  assert.equal(checkCheckpoint(join(dir, 'none.json'), semi(), 1, KEY), 0);
});

const refuses = (path: string, config: RunConfig, message: RegExp): void => {
  assert.throws(() => checkCheckpoint(path, config, 1, KEY), (e: Error) => {
    assert.match(e.message, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: checkpoint of run 'labeled-only' seed 1, field `));
    assert.match(e.message, message);
    return true;
  });
};

test('probe 21.2: epochs [1,2,3,4,1,2,3,4,5] are refused, naming the field', () => {
  const bad = edit(good, (f) => {
    const e = [1, 2, 3, 4, 1, 2, 3, 4, 5];
    f.epoch = e.length;
    f.epochs = e.map((n) => ({ ...f.epochs[0], epoch: n }));
    f.semi = e.map((n) => ({ ...f.semi[0], epoch: n }));
  });
  refuses(bad, { ...semi(), epochs: 10 }, /field 'epochs\[4\]\.epoch': expected 5 \(epochs numbered 1\.\.9 in order\), found 1/);
  refuses(bad, semi(), /field 'epoch': expected an integer from 1 to 4, found 9/);
});

test('probe 21.2: a 4-epoch run under the 5-epoch key is refused (its schedule is another run\'s)', () => {
  const four = writeCheckpoint({ ...semi(), epochs: 4 }, 3, 'four');
  refuses(four, semi(), /field 'semi\[0\]\.lrFactor': expected a value in \[0\.9045, 1\.0000\] \(the schedule of a 5-epoch run\)/);
});

test('probe 21.2: schema null, semi not an array, a float32 byte length not a multiple of 4, a wrong tensor size', () => {
  refuses(edit(good, (f) => { f.schema = null; }), semi(), /field 'schema': expected 'assignment-one\/checkpoint@1', found null/);
  refuses(edit(good, (f) => { f.semi = 5; }), semi(), /field 'semi': expected an array, found 5/);
  refuses(edit(good, (f) => { f.parameters[0] = Buffer.from([1, 2, 3]).toString('base64'); }), semi(), /field 'parameters\[0\]': expected a byte length that is a multiple of 4 \(float32 values\), found 3 bytes/);
  refuses(edit(good, (f) => { f.optimizer[1] = f.optimizer[0]; }), semi(), /field 'optimizer\[1\]': expected \d+ values, found \d+ values/);
  refuses(edit(good, (f) => { f.rngs.dropout = undefined; }), semi(), /field 'rngs\.dropout': expected an object, found nothing/);
  refuses(edit(good, (f) => { f.guardFirstLoss = 'x'; }), semi(), /field 'guardFirstLoss': expected a finite number, found "x"/);
});

test('probe 21.9: the training seconds a resumed run adds to its wall time are checked (absent or negative is refused)', () => {
  const elapsed = JSON.parse(readFileSync(good, 'utf8')).elapsedSeconds;
  assert.ok(Number.isFinite(elapsed) && elapsed >= 0, `the writer records the seconds trained so far, found ${elapsed}`);
  refuses(edit(good, (f) => { delete f.elapsedSeconds; }), semi(), /field 'elapsedSeconds': expected a finite number, found nothing/);
  refuses(edit(good, (f) => { f.elapsedSeconds = -3; }), semi(), /field 'elapsedSeconds': expected seconds ≥ 0, found -3/);
});

test('probe 21.2: the whole file null names the file', () => {
  const path = join(dir, 'null.checkpoint.json');
  writeFileSync(path, 'null');
  assert.throws(() => checkCheckpoint(path, semi(), 1, KEY), new RegExp(`${path}: checkpoint of run 'labeled-only' seed 1, field '\\(the whole file\\)': expected an object, found null`));
});

test('probe 21.2: the pre-flight of every runTraining caller refuses a same-key checkpoint that disagrees with its run', async () => {
  const backend = await initBackend();
  const config = semi();
  const written = writeCheckpoint(config, 3, 'seed-1', runKey(config, 1, backend.name));
  const bad = edit(written, (f) => { f.epochs[1].epoch = 1; });
  const record = join(dir, 'preflight', 'seed-1.json');
  mkdirSync(join(dir, 'preflight'));
  renameSync(bad, join(dir, 'preflight', 'seed-1.checkpoint.json'));
  await assert.rejects(preflightRuns([{ config, seed: 1, path: record }], { reuse: false }), /seed-1\.checkpoint\.json: checkpoint of run 'labeled-only' seed 1, field 'epochs\[1\]\.epoch': expected 2/);
});
