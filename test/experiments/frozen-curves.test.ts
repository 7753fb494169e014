// The engine reproduces the frozen curves: the first epoch of committed runs, trained again with
// today's code, gives every logged number of the record exactly (===). The starter rows were trained
// on the engine, so their records are the reference the engine is held to, in place of an A/B
// against the starter's former hand-written step. A change that moves one bit of the arithmetic
// fails here until the frozen results are retrained on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { initBackend } from '../../src/backend/select';
import { loadCourseSplit } from '../../src/data/split';
import { getRunConfig } from '../../src/experiments/registry';
import { runRecordPath } from '../../src/experiments/result-paths';
import { trainRunConfig } from '../../src/experiments/run';
import { REPO_ROOT } from '../../src/results/provenance';
import { readRunRecord } from '../../src/results/run-record';
import { makeProgress } from '../../src/train/progress';
import type { EpochRecord } from '../../src/train/records';

class FirstEpochDone extends Error {}

const FIELDS = ['trainLoss', 'trainAccuracy', 'evalTrainLoss', 'evalTrainAccuracy', 'validationLoss', 'validationAccuracy'] as const;

/** Epoch 1 of `name`'s seed-1 record, trained again on the course split. */
function firstEpochAgain(name: string): { got: EpochRecord; want: EpochRecord } {
  const config = getRunConfig(name);
  const record = readRunRecord(runRecordPath(join(REPO_ROOT, 'data', 'results'), config, 1));
  assert.equal(record.backend.name, 'wasm', `${name}: the frozen record was trained on wasm`);
  const split = loadCourseSplit();
  let got: EpochRecord | null = null;
  try {
    trainRunConfig(config, { labeled: split.labeled, validation: split.validation }, 1, {
      progress: makeProgress(undefined, true),
      onEpoch: (r) => {
        got = r;
        throw new FirstEpochDone();
      },
    });
  } catch (err) {
    if (!(err instanceof FirstEpochDone)) throw err;
  }
  assert.ok(got !== null, `${name}: no epoch was trained`);
  return { got, want: record.epochs[0] };
}

for (const name of ['baseline', 'final-labeled']) {
  test(`the engine reproduces epoch 1 of the frozen '${name}' record, seed 1, bit for bit`, async () => {
    const backend = await initBackend();
    if (backend.name !== 'wasm') return; // the records are wasm's numbers
    const { got, want } = firstEpochAgain(name);
    for (const f of FIELDS) assert.equal(got[f], want[f], `${name} epoch 1 ${f}: trained now ${got[f]}, frozen ${want[f]}`);
  });
}
