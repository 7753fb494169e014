import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { initBackend } from '../../src/backend/select';
import type { RunConfig } from '../../src/experiments/config';
import { preflightRuns, StaleRecordsError } from '../../src/experiments/preflight';
import { getRunConfig } from '../../src/experiments/registry';
import { checkpointPath, runRecordPath } from '../../src/experiments/result-paths';
import { runTraining } from '../../src/experiments/run';
import { makeProgress } from '../../src/train/progress';
import { resumeData } from './resume-run';

const CONFIG: RunConfig = { ...getRunConfig('baseline'), name: 'preflight-check', epochs: 2 };
const data = resumeData();
const root = mkdtempSync(join(tmpdir(), 'preflight-'));
const path = runRecordPath(root, CONFIG, 1);
let pristine = '';

before(async () => {
  await initBackend();
  await runTraining(CONFIG, 1, { out: path, data, reuse: true, progress: makeProgress(process.stderr, true) });
  pristine = readFileSync(path, 'utf8');
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Writes the record with `edit` applied, runs the pre-flight on it, and restores the record. */
async function preflightEdited(edit: (record: Record<string, any>) => void, options: Partial<Parameters<typeof preflightRuns>[1]> = {}): Promise<void> {
  const record = JSON.parse(pristine);
  edit(record);
  writeFileSync(path, JSON.stringify(record));
  try {
    await preflightRuns([{ config: CONFIG, seed: 1, path, data }], { reuse: true, committedRoot: root, retrain: false, ...options });
  } finally {
    writeFileSync(path, pristine);
  }
}

test('a consistent record passes the pre-flight', async () => {
  await preflightEdited(() => {});
});

test('probe 21.1: a stale committed record is not trained over silently; the message names the record, the changed file and the cost', async () => {
  const edit = (r: Record<string, any>) => {
    r.key = '0000000000000000';
    r.codeFiles = { ...r.codeFiles, 'src/train/trainer.ts': 'a hash of other code' };
    r.wallSeconds = 120;
  };
  await assert.rejects(preflightEdited(edit), (err: Error) => {
    assert.ok(err instanceof StaleRecordsError);
    assert.match(err.message, new RegExp(path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(err.message, /changed src\/train\/trainer\.ts/);
    assert.match(err.message, /about 2\.0 min/);
    assert.match(err.message, /--retrain/);
    return true;
  });
  await preflightEdited(edit, { retrain: true });
  // Outside the committed folder (the quick profile, a test's --out) a stale record trains freely.
  await preflightEdited(edit, { committedRoot: join(root, 'elsewhere') });
});

test('probe 21.1: a record without a manifest is stale with a reason, not a crash', async () => {
  await assert.rejects(preflightEdited((r) => { r.key = '0000000000000000'; delete r.codeFiles; }), /no code manifest/);
});

test('probe 21.6: a hand-edited accuracy, seed, epoch list or key is refused, naming the file and the field', async () => {
  const file = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await assert.rejects(preflightEdited((r) => { r.final.validationAccuracy = 0.9999; r.epochs[r.epochs.length - 1].validationAccuracy = 0.9999; }), new RegExp(`${file}: field 'final.validationAccuracy'`));
  await assert.rejects(preflightEdited((r) => { r.seed = 7; }), new RegExp(`${file}: field 'seed'`));
  await assert.rejects(preflightEdited((r) => { r.epochs = r.epochs.slice(0, 1); r.final = r.epochs[0]; }), new RegExp(`${file}: field 'epochs'`));
  await assert.rejects(preflightEdited((r) => { r.config.optimizer.lr = 0.5; }), new RegExp(`${file}: field 'key'`));
});

test('probe 21.3: a checkpoint of another key is kept under another name, not overwritten', async () => {
  const checkpoint = checkpointPath(path);
  writeFileSync(checkpoint, JSON.stringify({ schema: 'whatever', key: 'feedfacefeedface' }));
  await preflightEdited(() => {});
  assert.equal(existsSync(checkpoint), false);
  const aside = path.replace(/\.json$/, '.feedfacefeedface.checkpoint.json');
  assert.equal(JSON.parse(readFileSync(aside, 'utf8')).key, 'feedfacefeedface');
});
