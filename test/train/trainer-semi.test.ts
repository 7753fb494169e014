import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../src/backend/select';
import { smallSplit } from '../helpers/small-split';
import { trainSemi } from '../helpers/train-config';
import { getRunConfig, runConfigNames } from '../../src/experiments/registry';
import { runTraining } from '../../src/experiments/run';
import type { TrainData } from '../../src/train/run-state';
import type { RunConfig } from '../../src/experiments/config';
import { makeProgress } from '../../src/train/progress';
import { pseudoLabelAlpha } from '../../src/semi/alpha-schedule';

const quiet = makeProgress(process.stderr, true);


const smallData = (): TrainData => smallSplit([1000, 3], [2000, 28], [500, 20]);

/**
 * Three short epochs with a hotter constant step. The first two are labeled-only (T1 = 2): with the
 * unlabeled term at full weight while the net is still near chance, its wrong guesses get reinforced
 * and the run can collapse to one class, which is the failure Lee's ramp exists to avoid.
 */
function shortened(name: string): RunConfig {
  const c = getRunConfig(name);
  return {
    ...c,
    epochs: 3,
    optimizer: { kind: 'nesterov', lr: 0.05, momentum: 0.9 },
    lrSchedule: 'constant',
    unlabeled: c.unlabeled ? { ...c.unlabeled, batchSize: 64, alpha: { t1: 2, t2: 3, alphaF: c.unlabeled.alpha.alphaF } } : null,
  };
}

for (const name of ['pseudo-label', 'fixmatch', 'labeled-only']) {
  test(`${name}: three short epochs clearly beat chance, and the pseudo-label log is consistent`, async () => {
    await initBackend();
    const data = smallData();
    const config = shortened(name);
    const out = trainSemi(config, data, 7, { progress: quiet });
    const last = out.epochs[out.epochs.length - 1];
    assert.ok(last.validationAccuracy > 0.4, `${name}: validation accuracy ${last.validationAccuracy} should be far above chance (0.1)`);
    assert.equal(out.semi.length, 3);
    assert.equal(out.validationPredictions.length, 500);
    if (config.unlabeled) {
      const s = out.semi[2];
      assert.equal(s.unlabeledSeen, 16 * 64, 'one unlabeled batch per labeled step');
      assert.equal(s.alpha, pseudoLabelAlpha(2 + 15 / 16, config.unlabeled.alpha), 'α logged at the last step of the epoch');
      assert.ok(s.pseudoLabelAccuracy > 0.4, `pseudo-label accuracy ${s.pseudoLabelAccuracy}`);
      if (config.unlabeled.threshold === 0) assert.equal(s.acceptedFraction, 1);
      else assert.ok(s.acceptedFraction < 1 && s.acceptedAccuracy! >= s.pseudoLabelAccuracy, 'the threshold keeps the surer, more often right labels');
      assert.ok(s.unlabeledLoss > 0);
    } else {
      assert.equal(out.semi[2].unlabeledSeen, 0);
    }
  });
}

test('every registered run validates, and runTraining writes a record it then reuses', async () => {
  for (const name of runConfigNames()) assert.equal(getRunConfig(name).name, name);
  const dir = mkdtempSync(join(tmpdir(), 'semi-'));
  try {
    const data = smallSplit([128, 23], [256, 200], [100, 100]);
    const config = { ...shortened('pseudo-label'), epochs: 1 };
    const out = join(dir, 'seed-1.json');
    const first = await runTraining(config, 1, { out, data, reuse: true, progress: quiet });
    assert.equal(first.reused, false);
    assert.equal(first.record.semi.length, 1);
    const again = await runTraining(config, 1, { out, data, reuse: true, progress: quiet });
    assert.equal(again.reused, true);
    assert.deepEqual(again.record.final, first.record.final);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the hand-written starter-CNN step gives the same run as tfjs autodiff (dropout off, thresholded unlabeled term on)', async () => {
  await initBackend();
  const data = smallSplit([640, 4], [384, 140], [200, 50]);
  const base = getRunConfig('fixmatch');
  const config: RunConfig = {
    ...base,
    epochs: 2,
    model: { ...base.model, conv2DropRate: 0, fc1DropRate: 0 } as RunConfig['model'],
    optimizer: { kind: 'nesterov', lr: 0.05, momentum: 0.9 },
    // After one epoch some, but not all, pseudo-labels pass τ = 0.2, so the mask matters.
    unlabeled: { ...base.unlabeled!, batchSize: 64, threshold: 0.2, alpha: { t1: 0, t2: 0.5, alphaF: 1 } },
  };
  const run = (autodiff: boolean) => {
    return trainSemi(config, data, 5, { progress: quiet, autodiff });
  };
  const a = run(true);
  const b = run(false);
  for (let e = 0; e < 2; e++) {
    for (const key of ['trainLoss', 'evalTrainLoss', 'validationLoss'] as const) {
      assert.ok(Math.abs(a.epochs[e][key] - b.epochs[e][key]) < 2e-3, `epoch ${e + 1} ${key}: autodiff ${a.epochs[e][key]} vs hand-written ${b.epochs[e][key]}`);
    }
    assert.ok(Math.abs(a.semi[e].unlabeledLoss - b.semi[e].unlabeledLoss) < 2e-3, `epoch ${e + 1} unlabeled loss ${a.semi[e].unlabeledLoss} vs ${b.semi[e].unlabeledLoss}`);
  }
  const accepted = b.semi[1].acceptedFraction;
  assert.ok(accepted > 0 && accepted < 1, `accepted fraction ${accepted} should be strictly between 0 and 1`);
});
