import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { HostParameters } from '../../src/models/host-parameters';
import { HostOptimizer } from '../../src/optim/host-optimizer';

test('HostParameters takes the optimizer step on the host and the variables follow', async () => {
  await initBackend('cpu');
  const variables = [tf.variable(tf.tensor([1, 2, 3, 4], [2, 2])), tf.variable(tf.tensor([0.5]))];
  const config = { kind: 'nesterov', lr: 0.1, momentum: 0.9 } as const;
  const params = new HostParameters(variables, config);
  const reference = [Float32Array.of(1, 2, 3, 4), Float32Array.of(0.5)];
  const optimizer = new HostOptimizer(config, [4, 1]);
  for (const grads of [[Float32Array.of(1, -1, 0.5, 2), Float32Array.of(3)], [Float32Array.of(0, 1, 1, 0), Float32Array.of(-1)]]) {
    params.step(grads);
    optimizer.step(reference, grads);
  }
  params.values.forEach((v, i) => assert.deepEqual(Array.from(v), Array.from(reference[i])));
  variables.forEach((v, i) => assert.deepEqual(Array.from(v.dataSync()), Array.from(reference[i]), `variable ${i} holds the host values`));
  assert.notDeepEqual(Array.from(params.values[0]), [1, 2, 3, 4]);
  tf.dispose(variables);
});
