// Every exit path of training (divergence, an error, a tslab interrupt) releases the variables the run
// made, so the next run in the same process (the same notebook kernel) can train. Written against the
// public entry points so it holds whatever the trainers look like inside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { loadCourseSplit, subset } from '../../src/data/split';
import { getRunConfig } from '../../src/experiments/registry';
import { makeProgress } from '../../src/train/progress';
import { trainSemi, trainSupervised } from '../helpers/train-config';

const quiet = makeProgress(process.stderr, true);
const every = (n: number, step: number): number[] => Array.from({ length: n }, (_, i) => i * step);
const HOT = { kind: 'nesterov' as const, lr: 50, momentum: 0.9 };

function smallData() {
  const split = loadCourseSplit();
  return {
    train: subset(split.labeled, every(320, 9), 'labeled-320'),
    unlabeled: subset(split.unlabeled, every(500, 50), 'unlabeled-500'),
    validation: subset(split.validation, every(100, 50), 'validation-100'),
  };
}

/** A short healthy supervised run; throws "already registered" if an earlier run left its variables. */
function trainOnce(data: ReturnType<typeof smallData>): void {
  const { network } = trainSupervised({ ...getRunConfig('baseline'), epochs: 1 }, data, 2, { progress: quiet, keepNetwork: true });
  network!.dispose();
}

test('supervised: a diverged run and a run whose callback throws release everything they made', async () => {
  await initBackend();
  const data = smallData();
  trainOnce(data);
  const before = tf.memory().numTensors;
  const hot = { ...getRunConfig('baseline'), name: 'too-hot', epochs: 3, optimizer: HOT };
  assert.throws(() => trainSupervised(hot, data, 1, { progress: quiet }), /too-hot: training diverged/);
  assert.equal(tf.memory().numTensors, before, 'tensors left behind by the diverged run');
  const failing = () => trainSupervised({ ...getRunConfig('baseline'), epochs: 2 }, data, 1, { progress: quiet, onEpoch: () => { throw new Error('plot failed'); } });
  assert.throws(failing, /plot failed/);
  assert.equal(tf.memory().numTensors, before, 'tensors left behind by the failed run');
  trainOnce(data);
});

test('pseudo-label: a diverged run releases its model and optimizer, on both training paths', async () => {
  await initBackend();
  const data = smallData();
  trainOnce(data);
  const before = tf.memory().numTensors;
  for (const autodiff of [false, true]) {
    const hot = { ...getRunConfig('pseudo-label'), name: 'too-hot-semi', epochs: 3, optimizer: HOT };
    assert.throws(() => trainSemi(hot, { labeled: data.train, unlabeled: data.unlabeled, validation: data.validation }, 1, { progress: quiet, autodiff }), /too-hot-semi: training diverged/);
    assert.equal(tf.memory().numTensors, before, `tensors left behind (autodiff ${autodiff})`);
  }
  trainOnce(data);
});

test('an interrupted run (tslab: SIGINT terminates the cell, no finally runs) does not block the next run', async () => {
  await initBackend();
  const data = smallData();
  const config = { ...getRunConfig('baseline'), epochs: 4 };
  // The cell runs the way tslab runs it: in a vm script with breakOnSigint.
  const cell = () => trainSupervised(config, data, 3, { progress: quiet, onEpoch: () => process.kill(process.pid, 'SIGINT') });
  assert.throws(() => new vm.Script('cell()').runInNewContext({ cell }, { breakOnSigint: true }), /interrupted/i);
  trainOnce(data);
  const left = Object.keys(tf.engine().registeredVariables);
  assert.deepEqual(left, [], `variables still registered: ${left.join(', ')}`);
});
