import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareConfigs } from '../../src/experiments/comparison';
import { encodePredictions } from '../../src/results/run-record';
import { fakeRecord } from './fixtures';

const truth = new Uint8Array(100);
/** Predictions with the first `wrong` images misclassified. */
const preds = (wrong: number) => encodePredictions(Uint8Array.from({ length: 100 }, (_, i) => (i < wrong ? 1 : 0)));
const runs = (name: string, wrongs: number[]) => wrongs.map((w, i) => fakeRecord(name, i + 1, { validationAccuracy: 1 - w / 100 }, preds(w)));

test('a consistent gain across seeds is real; McNemar per seed pair is reported beside it', () => {
  const c = compareConfigs(runs('baseline', [10, 12, 11, 13, 10, 12]), runs('xavier', [5, 6, 6, 7, 5, 6]), truth);
  assert.deepEqual(c.seeds, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(c.paired.differences.map((d) => Math.round(d)), [5, 6, 5, 6, 5, 6]);
  assert.ok(c.paired.tTestP < 1e-4, `t-test p ${c.paired.tTestP}`);
  assert.equal(c.paired.permutationP, 2 / 64);
  assert.equal(c.real, true);
  assert.equal(c.mcnemarP.length, 6);
});

test('a gain that changes sign from seed to seed is not real, even where McNemar alone would call one pair significant', () => {
  const c = compareConfigs(runs('baseline', [10, 30, 11, 12, 14, 10]), runs('xavier', [30, 10, 12, 11, 10, 14]), truth);
  assert.equal(c.real, false);
  assert.ok(c.mcnemarP[0] < 0.05, 'seed 1 alone differs by 20 images');
});

test('configurations with different seeds are refused with both seed lists', () => {
  assert.throws(() => compareConfigs(runs('baseline', [1, 2]), runs('xavier', [1, 2, 3]), truth), /must have the same seeds, found \[1, 2\] and \[1, 2, 3\]/);
});
