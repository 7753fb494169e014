import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FULL_SEEDS, planFor, planStatus, QUICK_EPOCHS, runPlan, sharedSeeds, SUPERVISED_PLAN } from '../../src/experiments/plan';
import { FINAL_PLAN, FINAL_SEEDS, FINAL_TEACHER_SEEDS } from '../../src/experiments/final-recipe';
import { getRunConfig } from '../../src/experiments/registry';
import { makeProgress } from '../../src/train/progress';

const quiet = makeProgress(process.stderr, true);

test('the full plan runs every supervised config with the same seeds, epochs and batch size', () => {
  const full = planFor(SUPERVISED_PLAN, 'full');
  assert.deepEqual(full.map((e) => e.config.name), ['baseline', 'starter-relu-logits', 'xavier', 'xavier-augment']);
  for (const e of full) {
    assert.deepEqual(e.seeds, [...FULL_SEEDS]);
    assert.equal(e.config.epochs, getRunConfig(e.config.name).epochs);
    assert.equal(e.config.epochs, full[0].config.epochs);
    assert.equal(e.config.batchSize, full[0].config.batchSize);
  }
  for (const e of planFor(SUPERVISED_PLAN, 'quick')) {
    assert.deepEqual(e.seeds, [1]);
    assert.equal(e.config.epochs, QUICK_EPOCHS);
  }
});

test('the final stages share their own seeds, a superset of the teachers that label for every student', () => {
  for (const e of planFor(FINAL_PLAN, 'full')) assert.deepEqual(e.seeds, [...FINAL_SEEDS]);
  assert.deepEqual(sharedSeeds(FINAL_PLAN, 'full'), [...FINAL_SEEDS]);
  for (const s of FINAL_TEACHER_SEEDS) assert.ok(FINAL_SEEDS.includes(s), `teacher seed ${s} is not a planned seed`);
  for (const e of planFor(FINAL_PLAN, 'quick')) assert.deepEqual(e.seeds, [1]);
  // One call cannot pair a final stage with a row of another seed list.
  assert.throws(() => sharedSeeds(['labeled-only', 'final-labeled'], 'full'), /'labeled-only' and 'final-labeled' have different seeds/);
  assert.deepEqual(sharedSeeds(['labeled-only', 'final-labeled'], 'quick'), [1]);
});

test('a quick-profile run trains once, beats chance, is reused the second time, and is flagged once stale', async () => {
  const root = mkdtempSync(join(tmpdir(), 'plan-'));
  assert.deepEqual((await planStatus(['baseline'], { profile: 'quick', root })).map((s) => s.status), ['missing']);
  const [first] = await runPlan(['baseline'], { profile: 'quick', root, reuse: true, progress: quiet });
  assert.equal(first.reused, false);
  assert.equal(first.record.epochs.length, QUICK_EPOCHS);
  assert.ok(first.path.startsWith(root));
  // Ten classes: chance is 10 %. Two epochs of the starter's settings reach well above that.
  assert.ok(first.record.final.validationAccuracy > 0.3, `validation accuracy ${first.record.final.validationAccuracy}`);
  assert.deepEqual((await planStatus(['baseline'], { profile: 'quick', root })).map((s) => s.status), ['current']);
  const [second] = await runPlan(['baseline'], { profile: 'quick', root, reuse: true, progress: quiet });
  assert.equal(second.reused, true);
  assert.equal(second.computedAt, first.computedAt);
  assert.equal(second.record.validationPredictions, first.record.validationPredictions);

  // Simulate a code change: the saved key no longer matches what the current code would produce.
  // allowStale (drafting only) reuses the record and marks it; planStatus reports it stale.
  const saved = JSON.parse(readFileSync(first.path, 'utf8'));
  writeFileSync(first.path, JSON.stringify({ ...saved, key: '0000000000000000' }));
  assert.deepEqual((await planStatus(['baseline'], { profile: 'quick', root })).map((s) => s.status), ['stale']);
  const [draft] = await runPlan(['baseline'], { profile: 'quick', root, reuse: true, progress: quiet, allowStale: true });
  assert.equal(draft.reused, true);
  assert.equal(draft.stale, true);
  assert.equal(second.stale, false);
  assert.equal(draft.record.validationPredictions, first.record.validationPredictions);
});
