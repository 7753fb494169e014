import { test } from 'node:test';
import assert from 'node:assert/strict';
import { majorityVote, pairedComparison } from '../../src/experiments/ablation';
import { mcnemarFromCounts } from '../../src/stats/mcnemar';
import { fakeRecord } from './fixtures';

const truth = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1];

test('McNemar from saved predictions counts only the discordant images, paired by seed number', () => {
  // A is right on the first 10 images; B is right on images 0-5 and 10-11 (all but 6, 7, 8, 9).
  // Discordant: A right & B wrong on 6, 7, 8, 9 (b = 4); A wrong & B right on 10, 11 (c = 2).
  const a = '012345678955';
  const b = '012345000001';
  assert.equal(a.length, truth.length);
  // Records listed in a different seed order on each side: pairing must follow seed numbers.
  const A = [fakeRecord('baseline', 2, {}, a), fakeRecord('baseline', 1, {}, a)];
  const B = [fakeRecord('xavier', 1, {}, b), fakeRecord('xavier', 2, {}, b)];
  const rows = pairedComparison(A, B, truth);
  assert.deepEqual(rows.map((r) => r.pairing), ['1', '2', 'vote']);
  for (const r of rows) {
    assert.equal(r.b, 4);
    assert.equal(r.c, 2);
    assert.ok(r.exact);
    // Exact two-sided binomial: 2·P(X ≤ 2 | n = 6, p = ½) = 2·22/64.
    assert.ok(Math.abs(r.pValue - 44 / 64) < 1e-12);
    assert.ok(Math.abs(r.accuracyA - (100 * 10) / 12) < 1e-9);
    assert.ok(Math.abs(r.accuracyB - (100 * 8) / 12) < 1e-9);
  }
  assert.deepEqual(mcnemarFromCounts(4, 2).pValue, rows[0].pValue);
});

test('majority vote takes the most common class and breaks a three-way tie with the lowest seed', () => {
  const v = majorityVote([Uint8Array.from([1, 2, 3]), Uint8Array.from([1, 5, 4]), Uint8Array.from([7, 5, 6])]);
  assert.deepEqual(Array.from(v), [1, 5, 3]);
});

test('no common seed, or predictions of the wrong length, are refused with the names involved', () => {
  const p = '0'.repeat(truth.length);
  assert.throws(() => pairedComparison([fakeRecord('baseline', 1, {}, p)], [fakeRecord('xavier', 2, {}, p)], truth), /no common seed between baseline \[1\] and xavier \[2\]/);
  assert.throws(() => pairedComparison([fakeRecord('baseline', 1, {}, '01')], [fakeRecord('xavier', 1, {}, p)], truth), /baseline seed 1: expected 12 validation predictions, found 2/);
});
