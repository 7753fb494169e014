import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/backend/select';
import { loadCourseSplit, subset } from '../../src/data/split';
import { getRunConfig } from '../../src/experiments/registry';
import { makeProgress } from '../../src/train/progress';
import { trainSupervised } from '../helpers/train-config';

const quiet = makeProgress(process.stderr, true);

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

test('a short run on the labeled images clearly beats chance on held-out validation images', async () => {
  await initBackend();
  const split = loadCourseSplit();
  const validation = subset(split.validation, range(1000), 'validation-1000');
  const config = { ...getRunConfig('baseline'), epochs: 2, optimizer: { kind: 'nesterov' as const, lr: 0.05, momentum: 0.9 } };
  const { epochs, network } = trainSupervised(config, { train: split.labeled, validation }, 3, { progress: quiet });
  assert.equal(network, null, 'the trainer disposed the network');
  const last = epochs[epochs.length - 1];
  assert.equal(epochs.length, 2);
  assert.ok(last.validationAccuracy > 0.8, `validation accuracy ${last.validationAccuracy} should be far above chance (0.1)`);
  assert.ok(last.evalTrainAccuracy > 0.8, `eval-mode train accuracy ${last.evalTrainAccuracy}`);
  assert.ok(epochs[1].trainLoss < epochs[0].trainLoss, 'train loss decreases');
});

test('the same seed on the same backend gives the same numbers; another seed does not', async () => {
  await initBackend();
  const split = loadCourseSplit();
  const train = subset(split.labeled, range(300).map((i) => i * 10), 'labeled-300');
  const validation = subset(split.validation, range(200), 'validation-200');
  const config = { ...getRunConfig('xavier-augment'), epochs: 1 };
  const run = (seed: number) => {
    const { epochs, validationPredictions } = trainSupervised(config, { train, validation }, seed, { progress: quiet });
    return { ...epochs[0], trainSeconds: 0, seconds: 0, predictions: Array.from(validationPredictions) };
  };
  const a = run(11);
  const b = run(11);
  const c = run(12);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('a diverging run stops with a message naming the run and the learning rate advice', async () => {
  await initBackend();
  const split = loadCourseSplit();
  const train = subset(split.labeled, range(640).map((i) => i * 4), 'labeled-640');
  const validation = subset(split.validation, range(100), 'validation-100');
  const config = { ...getRunConfig('baseline'), name: 'too-hot', epochs: 3, optimizer: { kind: 'nesterov' as const, lr: 50, momentum: 0.9 } };
  assert.throws(() => trainSupervised(config, { train, validation }, 1, { progress: quiet }), /too-hot: training diverged at epoch \d+, batch \d+.*(Lower the learning rate)/);
});
