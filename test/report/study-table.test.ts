import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareConfigs } from '../../src/experiments/comparison';
import { encodePredictions, type RunRecord } from '../../src/results/run-record';
import { heldOutGridTable, heldOutRateTable, lastEpochsChange, studyPerSeedTable, studyTable } from '../../src/report/study-table';
import { pCell } from '../../src/report/format';
import { fakeRecord } from '../experiments/fixtures';

const truth = new Uint8Array(100);
const preds = (wrong: number) => encodePredictions(Uint8Array.from({ length: 100 }, (_, i) => (i < wrong ? 1 : 0)));
const runs = (name: string, wrongs: number[]) => wrongs.map((w, i) => fakeRecord(name, i + 1, { validationAccuracy: 1 - w / 100 }, preds(w)));

/** A run whose validation accuracy and clean training loss follow the given per-epoch values. */
function curve(seed: number, acc: number[], loss: number[]): RunRecord {
  const r = fakeRecord('baseline', seed, {});
  const epochs = acc.map((a, i) => ({ ...r.final, epoch: i + 1, validationAccuracy: a, evalTrainLoss: loss[i]! }));
  return { ...r, epochs, final: epochs[epochs.length - 1]! };
}

test('p cells: NaN (t undefined) prints n/a, tiny values a bound, others two digits', () => {
  assert.equal(pCell(Number.NaN), 'n/a');
  assert.equal(pCell(1e-9), '< 10⁻⁶');
  assert.equal(pCell(0.0312), '0.031');
  assert.equal(pCell(1), '1.0');
});

test('last epochs change: seed mean at the last epoch against three epochs before', () => {
  const rs = [curve(1, [0.9, 0.95, 0.96, 0.97, 0.98], [1, 0.5, 0.4, 0.3, 0.2]), curve(2, [0.9, 0.95, 0.98, 0.97, 0.96], [1, 0.5, 0.4, 0.3, 0.4])];
  const c = lastEpochsChange(rs, (e) => 100 * e.validationAccuracy);
  assert.ok(Math.abs(c.before - 95) < 1e-9 && Math.abs(c.last - 97) < 1e-9, `before ${c.before}, last ${c.last}`);
  assert.ok(Math.abs(c.change - 2) < 1e-9);
  const l = lastEpochsChange(rs, (e) => e.evalTrainLoss);
  assert.ok(Math.abs(l.relative - (0.3 - 0.5) / 0.5) < 1e-9, `relative ${l.relative}`);
  assert.throws(() => lastEpochsChange([rs[0]!, curve(3, [0.9], [1])], (e) => e.evalTrainLoss), /different epoch counts/);
});

test('study table: the reference row has no test; a compared row shows Δ with its interval, both across-seed p-values, the McNemar range and the verdict', () => {
  const base = runs('baseline', [10, 12, 11, 13, 10, 12]);
  const better = runs('xavier', [5, 6, 6, 7, 5, 6]);
  const mixed = runs('xavier-augment', [30, 10, 12, 11, 10, 14]);
  const values = (rs: RunRecord[]) => rs.map((r) => 100 * r.final.validationAccuracy);
  const rows = studyTable([
    { title: 'Baseline', values: values(base), seedReport: 95.12 },
    { title: '+ Xavier', values: values(better), versus: { label: 'Baseline', comparison: compareConfigs(base, better, truth) } },
    { title: '+ mixed', values: values(mixed), versus: { label: 'Baseline', comparison: compareConfigs(base, mixed, truth) } },
  ]);
  assert.equal(rows[0]!['Seed report %'], '95.12');
  assert.equal(rows[0]!['Real?'], '—');
  assert.equal(rows[1]!['Seed report %'], '—');
  assert.equal(rows[1]!['Real?'], 'yes');
  assert.match(String(rows[1]!['Δ points [95 % CI]']), /^\+5\.50 \[\+\d\.\d\d, \+\d\.\d\d\]$/);
  assert.equal(rows[1]!['Sign-flip p'], '0.031');
  assert.match(String(rows[1]!['McNemar p, per seed']), / to /);
  assert.equal(rows[2]!['Real?'], 'no');
  assert.match(String(rows[2]!['Δ points [95 % CI]']), /^−/);
  assert.match(String(rows[0]!['95 % CI']), /^\d+\.\d\d–\d+\.\d\d$/);
});

test('held-out grid: rates as rows, lengths as columns, the chosen pair marked once', () => {
  const trials = [
    { lr: 0.02, epochs: 20, heldOutAccuracy: 0.97, reused: true, wallSeconds: 1 },
    { lr: 0.01, epochs: 20, heldOutAccuracy: 0.96, reused: true, wallSeconds: 1 },
    { lr: 0.01, epochs: 40, heldOutAccuracy: 0.975, reused: true, wallSeconds: 1 },
  ];
  const rows = heldOutGridTable(trials, { lr: 0.01, epochs: 40 });
  assert.deepEqual(rows.map((r) => r['Learning rate']), ['0.01', '0.02']);
  assert.equal(rows[0]!['40 epochs: held-out %'], '97.50 (chosen)');
  assert.equal(rows[1]!['40 epochs: held-out %'], '—');
  assert.equal(rows.flatMap((r) => Object.values(r)).filter((v) => String(v).includes('chosen')).length, 1);
});

test("held-out rates: a row per study row, its own chosen rate marked, other lengths ignored", () => {
  const t = (lr: number, epochs: number, heldOutAccuracy: number) => ({ lr, epochs, heldOutAccuracy, reused: true, wallSeconds: 1 });
  const rows = heldOutRateTable([
    { title: 'Baseline', trials: [t(0.01, 30, 0.95), t(0.02, 30, 0.96), t(0.02, 15, 0.99)], setting: { lr: 0.02, epochs: 30 } },
    { title: '+ He', trials: [t(0.01, 30, 0.97), t(0.05, 30, 0.9)], setting: { lr: 0.01, epochs: 30 } },
  ]);
  assert.deepEqual(rows, [
    { Row: 'Baseline', 'lr 0.01: held-out %': '95.00', 'lr 0.02: held-out %': '96.00 (chosen)', 'lr 0.05: held-out %': '—' },
    { Row: '+ He', 'lr 0.01: held-out %': '97.00 (chosen)', 'lr 0.02: held-out %': '—', 'lr 0.05: held-out %': '90.00' },
  ]);
});

test('per-seed table: a row per seed, a column per configuration', () => {
  const rows = studyPerSeedTable([{ title: 'A', records: runs('baseline', [10, 20]) }, { title: 'B', records: runs('xavier', [5]) }]);
  assert.deepEqual(rows, [{ Seed: 1, A: '90.00', B: '95.00' }, { Seed: 2, A: '80.00', B: '—' }]);
});
