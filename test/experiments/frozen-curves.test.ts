// The engine reproduces the frozen curves: the first epoch of committed runs, trained again with
// today's code, gives every logged number of the record exactly (===). The starter rows were trained
// on the engine, so their records are the reference the engine is held to, in place of an A/B
// against the starter's former hand-written step. A change that moves one bit of the arithmetic
// fails here until the frozen results are retrained on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/backend/select';
import { CURVE_FIELDS, retrainFirstEpochs } from '../../src/experiments/frozen-curves';
import { resultsDir } from '../../src/experiments/profile';
import { getRunConfig } from '../../src/experiments/registry';
import { runRecordPath } from '../../src/experiments/result-paths';
import { readRunRecord } from '../../src/results/run-record';
import { makeProgress } from '../../src/train/progress';

for (const name of ['baseline', 'final-labeled']) {
  test(`the engine reproduces epoch 1 of the frozen '${name}' record, seed 1, bit for bit`, async () => {
    const backend = await initBackend();
    if (backend.name !== 'wasm') return; // the records are wasm's numbers
    const record = readRunRecord(runRecordPath(resultsDir('full'), getRunConfig(name), 1));
    assert.equal(record.backend.name, 'wasm', `${name}: the frozen record was trained on wasm`);
    const [again] = retrainFirstEpochs(record, 1, makeProgress(undefined, true));
    assert.ok(again !== undefined, `${name}: no epoch was trained`);
    const [got, want] = [again.record, record.epochs[0]];
    for (const f of CURVE_FIELDS) assert.equal(got[f], want[f], `${name} epoch 1 ${f}: trained now ${got[f]}, frozen ${want[f]}`);
  });
}
