import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getRunConfig } from '../../src/experiments/registry';
import { upgradeRecordConfig } from '../../src/results/legacy-config';

// Records saved before the supervised and semi-supervised configs merged stay readable in today's shape.
test('an older supervised record config (augment, no schedule, no unlabeled fields) reads as a RunConfig', () => {
  const today = getRunConfig('xavier-augment');
  const { labeledAugment, lrSchedule: _s, unlabeled: _u, unlabeledPool: _p, ...older } = today;
  const upgraded = upgradeRecordConfig({ ...older, augment: labeledAugment });
  assert.deepEqual(upgraded, today);
  assert.equal('augment' in upgraded, false);
});

test('an older semi-supervised record config loses only its method label', () => {
  const today = getRunConfig('fixmatch');
  assert.deepEqual(upgradeRecordConfig({ ...today, method: 'fixmatch' }), today);
  assert.deepEqual(upgradeRecordConfig({ ...getRunConfig('labeled-only'), method: 'supervised' }), getRunConfig('labeled-only'));
});

test("today's configs pass through unchanged", () => {
  const today = getRunConfig('baseline');
  assert.equal(upgradeRecordConfig(today as unknown as Record<string, unknown>), today);
});
