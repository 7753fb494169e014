import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bestHeldOutRow,
  chooseRowSettings,
  chooseSetting,
  heldOutTrialCount,
  STUDY_GRID,
  STUDY_ROWS,
  STUDY_SEEDS,
  studyRowConfig,
  studySelectionConfig,
} from '../../src/experiments/study';

const trial = (lr: number, epochs: number, heldOutAccuracy: number) => ({ lr, epochs, heldOutAccuracy, reused: false, wallSeconds: 1 });

test('the held-out winner is chosen; ties go to fewer epochs, then to the smaller rate', () => {
  assert.deepEqual(chooseSetting([trial(0.01, 20, 0.95), trial(0.05, 40, 0.97), trial(0.02, 20, 0.96)]), { lr: 0.05, epochs: 40 });
  assert.deepEqual(chooseSetting([trial(0.05, 40, 0.97), trial(0.05, 20, 0.97)]), { lr: 0.05, epochs: 20 });
  assert.deepEqual(chooseSetting([trial(0.05, 20, 0.97), trial(0.02, 20, 0.97)]), { lr: 0.02, epochs: 20 });
  assert.throws(() => chooseSetting([]), /no trials/);
});

test("each row's rate is the winner of its own held-out trials, not the baseline's", () => {
  const rowTrials = {
    baseline: [trial(0.01, 30, 0.954), trial(0.02, 30, 0.96), trial(0.05, 30, 0.952)],
    he: [trial(0.01, 30, 0.97), trial(0.02, 30, 0.95), trial(0.05, 30, 0.94)],
    xavier: [trial(0.01, 30, 0.93), trial(0.02, 30, 0.94), trial(0.05, 30, 0.945)],
  };
  assert.deepEqual(chooseRowSettings(rowTrials), { baseline: { lr: 0.02, epochs: 30 }, he: { lr: 0.01, epochs: 30 }, xavier: { lr: 0.05, epochs: 30 } });
  assert.throws(() => chooseRowSettings({ he: [] }), /row 'he' has no held-out trials/);
});

test('the best row is the one whose own chosen rate scored best held out; ties go to the earlier row', () => {
  const rowTrials = {
    baseline: [trial(0.01, 30, 0.95), trial(0.02, 30, 0.96)],
    he: [trial(0.01, 30, 0.97), trial(0.02, 30, 0.9)],
    xavier: [trial(0.01, 30, 0.97), trial(0.02, 30, 0.92)],
  };
  assert.deepEqual(bestHeldOutRow(rowTrials, ['baseline', 'he', 'xavier']), { row: 'he', setting: { lr: 0.01, epochs: 30 }, heldOutAccuracy: 0.97 });
  assert.equal(bestHeldOutRow(rowTrials, ['baseline', 'xavier', 'he']).row, 'xavier');
  assert.throws(() => bestHeldOutRow(rowTrials, ['baseline', 'nope']), /row 'nope' has no held-out trials/);
});

test('the held-out trial count covers the grid, every other row and the probe', () => {
  const t = trial(0.01, 30, 0.9);
  const selection = { trials: [t, t, t, t], setting: t, rowTrials: { baseline: [t, t], he: [t, t], xavier: [t, t] }, rowSettings: {}, best: { row: 'he', setting: t, heldOutAccuracy: 0.9 }, longer: t };
  assert.equal(heldOutTrialCount(selection), 4 + 2 + 2 + 1);
});

test('every row shares the schedule, batch and length, takes its own rate, and changes only what its name says', () => {
  const rows = STUDY_ROWS.map((r) => studyRowConfig(r.row, { lr: 0.02, epochs: 40 }));
  for (const c of rows) {
    assert.deepEqual(c.optimizer, { kind: 'nesterov', lr: 0.02, momentum: 0.9 });
    assert.equal(c.lrSchedule, 'cosine');
    assert.equal(c.epochs, 40);
    assert.equal(c.unlabeled, null);
  }
  assert.equal(studyRowConfig('he', { lr: 0.05, epochs: 40 }).optimizer.lr, 0.05);
  const he = studyRowConfig('he', { lr: 0.02, epochs: 40 });
  assert.equal(he.model.arch === 'starter' && he.model.initializer, 'he-normal');
  const base = studyRowConfig('baseline', { lr: 0.02, epochs: 40 });
  assert.equal(base.labeledAugment, null);
  const baseAugment = studyRowConfig('baseline-augment', { lr: 0.02, epochs: 40 });
  // Augmentation on the baseline changes nothing but the augmentation.
  assert.notEqual(baseAugment.labeledAugment, null);
  assert.deepEqual({ ...baseAugment, labeledAugment: null, name: base.name, title: base.title }, base);
  assert.deepEqual(studyRowConfig('xavier-augment', { lr: 0.02, epochs: 40 }).labeledAugment, baseAugment.labeledAugment);
  assert.throws(() => studyRowConfig('nope', { lr: 0.02, epochs: 40 }), /unknown study row 'nope'; valid rows: baseline, xavier, he/);
  // Six seeds, so that the exact sign-flip test can reach p < 0.05 (2/64).
  assert.equal(STUDY_SEEDS.full.length, 6);
  assert.ok(STUDY_GRID.full.lr.length * STUDY_GRID.full.epochs.length >= 4);
});

test("a row's held-out trial is the row's config under its own name; the baseline's keep their names", () => {
  const setting = { lr: 0.05, epochs: 30 };
  assert.equal(studySelectionConfig(setting).name, 'study-select-lr0.05-e30');
  const he = studySelectionConfig(setting, 'he');
  assert.equal(he.name, 'study-select-he-lr0.05-e30');
  assert.deepEqual({ ...he, name: 'x', title: 'x' }, { ...studyRowConfig('he', setting), name: 'x', title: 'x' });
  const names = STUDY_ROWS.map((r) => studySelectionConfig(setting, r.row).name);
  assert.equal(new Set(names).size, names.length);
});
