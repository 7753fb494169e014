import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { WEAK_AUGMENT, STRONG_AUGMENT } from '../../src/experiments/registry';
import { buildNetwork } from '../../src/models/build-network';
import { STARTER_CNN } from '../../src/models/config';
import type { TrainData } from '../../src/train/run-state';
import { makeProgress } from '../../src/train/progress';
import { train, type TrainOutcome } from '../../src/train/trainer';
import type { TrainerConfig } from '../../src/train/trainer-config';
import { smallSplit } from '../helpers/small-split';

const quiet = makeProgress(process.stderr, true);
const smallData = (): TrainData => smallSplit([640, 4], [512, 100], [200, 50]);

/** Every recipe at once: FixMatch-style term labelled by the EMA teacher, decay, warm-up + cosine, EMA evaluation. */
const EVERYTHING: TrainerConfig = {
  name: 'everything',
  batchSize: 32,
  epochs: 3,
  optimizer: { kind: 'nesterov', lr: 0.05, momentum: 0.9 },
  lrSchedule: { kind: 'step', everyEpochs: 2, gamma: 0.5, warmupEpochs: 0.5 },
  weightDecay: 5e-4,
  ema: { decay: 0.7, evaluate: true },
  labeledAugment: WEAK_AUGMENT,
  unlabeled: { batchSize: 32, alpha: { t1: 0, t2: 1, alphaF: 1 }, threshold: 0.3, weakAugment: WEAK_AUGMENT, strongAugment: STRONG_AUGMENT, teacher: 'ema' },
  unlabeledPool: 400,
};

const build = (rng: Parameters<typeof buildNetwork>[1]) => buildNetwork(STARTER_CNN, rng);
const timeless = (o: TrainOutcome) => ({
  epochs: o.epochs.map((e) => ({ ...e, trainSeconds: 0, seconds: 0 })),
  semi: o.semi,
  predictions: Array.from(o.validationPredictions),
});

class Interrupt extends Error {}

test('resume = uninterrupted: a run stopped after epoch 2 and resumed from its checkpoint gives the same numbers, bit for bit', async () => {
  await initBackend();
  const data = smallData();
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
  try {
    const whole = timeless(train(EVERYTHING, build, data, 4, { progress: quiet }));
    const checkpoint = { path: join(dir, 'run.ckpt.json'), key: 'k1' };
    assert.throws(() => train(EVERYTHING, build, data, 4, {
      progress: quiet,
      checkpoint,
      onEpoch: (r) => {
        if (r.epoch === 2) throw new Interrupt('stop');
      },
    }), Interrupt);
    assert.ok(existsSync(checkpoint.path), 'epoch 1 left a checkpoint');
    const resumed = train(EVERYTHING, build, data, 4, { progress: quiet, checkpoint });
    assert.equal(resumed.resumedEpochs, 1);
    assert.deepEqual(timeless(resumed), whole);
    assert.ok(whole.semi[2].acceptedFraction > 0 && whole.semi[2].unlabeledLoss > 0, 'the unlabeled term was active');
    // A checkpoint of another config, seed or code (another key) is not used.
    const other = train(EVERYTHING, build, data, 4, { progress: quiet, checkpoint: { ...checkpoint, key: 'k2' } });
    assert.equal(other.resumedEpochs, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after a diverged run the network is disposed: no tensors leak and the next run in the same process trains (issue 13)', async () => {
  await initBackend();
  const data = smallData();
  const before = tf.memory().numTensors;
  const hot: TrainerConfig = { ...EVERYTHING, name: 'too-hot', ema: null, unlabeled: null, weightDecay: 0, lrSchedule: 'constant', optimizer: { kind: 'nesterov', lr: 50, momentum: 0.9 } };
  assert.throws(() => train(hot, build, data, 1, { progress: quiet }), /too-hot: training diverged at epoch \d+, batch \d+/);
  assert.equal(tf.memory().numTensors, before, 'every tensor of the diverged run was disposed');
  const next = train({ ...hot, name: 'next', epochs: 1, optimizer: { kind: 'nesterov', lr: 0.05, momentum: 0.9 } }, build, data, 1, { progress: quiet });
  assert.equal(next.epochs.length, 1);
  assert.equal(tf.memory().numTensors, before);
});

test('bad trainer settings are refused before anything is built, naming the run and the field', () => {
  const data = { labeled: smallData().labeled, validation: smallData().validation };
  assert.throws(() => train({ ...EVERYTHING, weightDecay: -1 }, build, data, 1), /run 'everything': weightDecay must be a number ≥ 0, found -1/);
  assert.throws(() => train({ ...EVERYTHING, ema: null }, build, data, 1), /unlabeled.teacher 'ema' needs an ema section/);
  assert.throws(() => train({ ...EVERYTHING, ema: null, unlabeled: { ...EVERYTHING.unlabeled!, teacher: 'model' } }, build, data, 1), /the unlabeled term needs unlabeled images, found none/);
});
