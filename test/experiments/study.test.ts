import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseSetting, STUDY_GRID, STUDY_ROWS, STUDY_SEEDS, studyRowConfig } from '../../src/experiments/study';

const trial = (lr: number, epochs: number, heldOutAccuracy: number) => ({ lr, epochs, heldOutAccuracy, reused: false, wallSeconds: 1 });

test('the held-out winner is chosen; ties go to fewer epochs, then to the smaller rate', () => {
  assert.deepEqual(chooseSetting([trial(0.01, 20, 0.95), trial(0.05, 40, 0.97), trial(0.02, 20, 0.96)]), { lr: 0.05, epochs: 40 });
  assert.deepEqual(chooseSetting([trial(0.05, 40, 0.97), trial(0.05, 20, 0.97)]), { lr: 0.05, epochs: 20 });
  assert.deepEqual(chooseSetting([trial(0.05, 20, 0.97), trial(0.02, 20, 0.97)]), { lr: 0.02, epochs: 20 });
  assert.throws(() => chooseSetting([]), /no trials/);
});

test('every row shares the tuned optimizer, batch and length, and changes only what its name says', () => {
  const setting = { lr: 0.02, epochs: 40 };
  const rows = STUDY_ROWS.map((r) => studyRowConfig(r.row, setting));
  for (const c of rows) {
    assert.deepEqual(c.optimizer, { kind: 'nesterov', lr: 0.02, momentum: 0.9 });
    assert.equal(c.lrSchedule, 'cosine');
    assert.equal(c.epochs, 40);
    assert.equal(c.unlabeled, null);
  }
  const he = studyRowConfig('he', setting);
  assert.equal(he.model.arch === 'starter' && he.model.initializer, 'he-normal');
  assert.equal(studyRowConfig('baseline', setting).labeledAugment, null);
  assert.notEqual(studyRowConfig('xavier-augment', setting).labeledAugment, null);
  assert.throws(() => studyRowConfig('nope', setting), /unknown study row 'nope'; valid rows: baseline, xavier, he/);
  // Six seeds, so that the exact sign-flip test can reach p < 0.05 (2/64).
  assert.equal(STUDY_SEEDS.full.length, 6);
  assert.ok(STUDY_GRID.full.lr.length * STUDY_GRID.full.epochs.length >= 4);
});
