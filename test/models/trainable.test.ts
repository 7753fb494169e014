import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { STARTER_CNN } from '../../src/models/config';
import { StarterCnn } from '../../src/models/starter-cnn';
import { trainable } from '../../src/models/trainable';
import { Rng } from '../../src/util/rng';

test('a model that is built and disposed leaves no tensor behind', async () => {
  await initBackend('cpu');
  const before = tf.memory().numTensors;
  const starter = new StarterCnn(STARTER_CNN, new Rng(1));
  assert.equal(tf.memory().numTensors, before + 8, 'the starter CNN holds exactly its 8 variables');
  starter.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('trainable holds the values it was given, under its name', async () => {
  await initBackend('cpu');
  const v = trainable(Float32Array.of(1, 2, 3, 4), [2, 2], 'test/trainable');
  assert.deepEqual(Array.from(v.dataSync()), [1, 2, 3, 4]);
  assert.deepEqual(v.shape, [2, 2]);
  assert.equal(v.name, 'test/trainable');
  assert.ok(v.trainable);
  v.dispose();
});
