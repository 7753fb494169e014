import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSummary, seedStats, summarizeRuns, upsertSummaryEntries, type SummaryEntry } from '../../src/experiments/summary';
import { fakeRecord } from './fixtures';

test('a summary entry holds per-seed percentages in seed order and their mean ± sample std', () => {
  // Seeds deliberately out of order: the entry must sort them.
  const records = [
    fakeRecord('xavier', 3, { validationAccuracy: 0.97, trainAccuracy: 0.9, evalTrainAccuracy: 0.99 }),
    fakeRecord('xavier', 1, { validationAccuracy: 0.95, trainAccuracy: 0.88, evalTrainAccuracy: 0.98 }),
    fakeRecord('xavier', 2, { validationAccuracy: 0.96, trainAccuracy: 0.89, evalTrainAccuracy: 0.985 }),
  ];
  const e = summarizeRuns(records);
  assert.deepEqual(e.seeds, [1, 2, 3]);
  assert.equal(e.name, 'xavier');
  assert.equal(e.kind, 'supervised');
  const close = (a: number[], b: number[]) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-9, `${v} vs ${b[i]}`));
  close(e.validationAccuracy, [95, 96, 97]);
  close(e.trainAccuracy!, [88, 89, 90]);
  close(e.evalTrainAccuracy!, [98, 98.5, 99]);
  assert.ok(Math.abs(e.mean - 96) < 1e-9);
  // Sample std of 95, 96, 97 is exactly 1 (population std would be 0.816…).
  assert.ok(Math.abs(e.std! - 1) < 1e-9);
});

test('one seed has no std (null, not 0), and mixed configs or duplicate seeds are refused', () => {
  assert.deepEqual(seedStats([91.5]), { mean: 91.5, std: null });
  assert.throws(() => summarizeRuns([fakeRecord('xavier', 1, {}), fakeRecord('baseline', 2, {})]), /one config at one epoch count.*xavier@1 and baseline@1/);
  assert.throws(() => summarizeRuns([fakeRecord('xavier', 1, {}), fakeRecord('xavier', 1, {})]), /duplicate seeds/);
  assert.throws(() => summarizeRuns([]), /at least one run record/);
});

test('upsert replaces entries by name, keeps the others in place, and writes valid JSON', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'summary-')), 'nested', 'summary.json');
  const entry = (name: string, acc: number, kind: SummaryEntry['kind'] = 'supervised'): SummaryEntry => ({
    name, title: name, kind, seeds: [1], epochs: 2, validationAccuracy: [acc], ...seedStats([acc]),
  });
  upsertSummaryEntries([entry('baseline', 90), entry('xavier', 91)], { path });
  upsertSummaryEntries([entry('pseudo-label', 95, 'semi-supervised')], { path });
  const file = upsertSummaryEntries([entry('baseline', 92)], { path });
  assert.deepEqual(file.entries.map((e) => [e.name, e.mean]), [['baseline', 92], ['xavier', 91], ['pseudo-label', 95]]);
  assert.deepEqual(readSummary(path), JSON.parse(readFileSync(path, 'utf8')));
  assert.throws(() => upsertSummaryEntries([{ ...entry('x', 90), seeds: [1, 2] }], { path }), /one validationAccuracy per seed/);
  assert.throws(() => upsertSummaryEntries([entry('x', 0.9 * 200)], { path }), /percentages in \[0, 100\]/);
});

test('a summary file that is valid JSON but not an object is refused naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'summary-shape-'));
  for (const [text, found] of [['null', 'null'], ['7', 'a number'], ['[1]', 'an array']] as const) {
    const path = join(dir, 'summary.json');
    writeFileSync(path, text);
    assert.throws(() => readSummary(path), (e: Error) => {
      assert.equal(e.message, `${path}: expected a results summary (a JSON object), found ${found}`);
      return true;
    });
  }
});
