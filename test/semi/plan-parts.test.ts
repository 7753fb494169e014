import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plannedConfig } from '../../src/experiments/plan';
import { majorityVote, predictionsCsv } from '../../src/experiments/predictions';
import { getRunConfig } from '../../src/experiments/registry';
import { heldOutSplit } from '../../src/experiments/held-out';
import { REPO_ROOT } from '../../src/results/provenance';
import { lrFactorAt } from '../../src/optim/lr-schedule';
import { samplePool, UnlabeledStream } from '../../src/semi/unlabeled-stream';
import { Rng } from '../../src/util/rng';

test('majority vote: 2 of 3 wins; three different answers go to the first seed', () => {
  const a = Uint8Array.from([1, 2, 3, 4]);
  const b = Uint8Array.from([1, 5, 3, 7]);
  const c = Uint8Array.from([0, 5, 9, 8]);
  assert.deepEqual(Array.from(majorityVote([a, b, c])), [1, 5, 3, 4]);
  assert.throws(() => majorityVote([a, Uint8Array.from([1])]), /4 entries, found 1/);
});

/** The format the course asks for: header `id,label`, then one row per test image in file order. */
function checkPredictionsCsv(text: string, where: string): void {
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'id,label', `${where}: header`);
  assert.equal(lines.length, 10001, `${where}: 10,000 rows plus the header`);
  for (let i = 1; i < lines.length; i++) assert.match(lines[i], new RegExp(`^${i - 1},[0-9]$`), `${where}: row ${i}`);
}

test('predictions.csv: header, 10,000 rows, id = test index, one digit per row', () => {
  const labels = Uint8Array.from({ length: 10000 }, (_, i) => i % 10);
  checkPredictionsCsv(predictionsCsv(labels), 'generated');
  const committed = join(REPO_ROOT, 'data', 'results', 'predictions.csv');
  if (existsSync(committed)) checkPredictionsCsv(readFileSync(committed, 'utf8'), committed);
});

test('cosine step factor goes 1 → ½ → 0; constant stays 1', () => {
  assert.equal(lrFactorAt('cosine', 0, 10, 47), 1);
  assert.ok(Math.abs(lrFactorAt('cosine', 5, 10, 47) - 0.5) < 1e-12);
  assert.ok(Math.abs(lrFactorAt('cosine', 10, 10, 47)) < 1e-12);
  assert.equal(lrFactorAt('constant', 7, 10, 47), 1);
});

test('the unlabeled stream serves each pool image once per pass, reshuffled between passes', () => {
  const pool = samplePool(1000, 30, new Rng(1));
  assert.equal(pool.length, 30);
  assert.equal(new Set(pool).size, 30);
  const stream = new UnlabeledStream(pool, new Rng(2));
  const first = stream.next(30);
  const second = stream.next(30);
  assert.deepEqual([...first].sort((x, y) => x - y), [...pool].sort((x, y) => x - y));
  assert.deepEqual([...second].sort((x, y) => x - y), [...pool].sort((x, y) => x - y));
  assert.notDeepEqual(Array.from(first), Array.from(second));
  assert.equal(stream.passes, 1);
});

test('the quick profile shrinks epochs and pool and rescales the α ramp in proportion', () => {
  const full = getRunConfig('pseudo-label');
  const quick = plannedConfig('pseudo-label', 'quick');
  const r = quick.epochs / full.epochs;
  assert.equal(quick.unlabeled!.alpha.t1, full.unlabeled!.alpha.t1 * r);
  assert.equal(quick.unlabeled!.alpha.t2, full.unlabeled!.alpha.t2 * r);
  assert.ok(quick.unlabeledPool! < 57000);
  assert.deepEqual(plannedConfig('pseudo-label', 'full'), full);
});

test('the held-out split keeps the last images of each digit out of training, disjointly', () => {
  const labels = Uint8Array.from({ length: 60 }, (_, i) => i % 10);
  const ds = { name: 'toy', images: new Float32Array(60 * 4), labels, sourceIndex: Int32Array.from({ length: 60 }, (_, i) => i), count: 60, height: 2, width: 2 };
  const { train, heldOut } = heldOutSplit(ds, 2);
  assert.equal(heldOut.count, 20);
  assert.equal(train.count, 40);
  for (let c = 0; c < 10; c++) assert.deepEqual(Array.from(heldOut.sourceIndex).filter((i) => i % 10 === c), [40 + c, 50 + c]);
  assert.equal(new Set([...train.sourceIndex, ...heldOut.sourceIndex]).size, 60);
  assert.throws(() => heldOutSplit(ds, 6), /class 0 has 6 labeled images, need more than 6/);
});
