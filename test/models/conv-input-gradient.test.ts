import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { convInputGradient, filterTransposed } from '../../src/models/conv-input-gradient';
import { Rng } from '../../src/util/rng';
import { normals, relErr, size } from '../helpers/numeric';

const SHAPES = [
  { n: 1, h: 5, w: 5, ci: 1, co: 1, k: 5 },
  { n: 2, h: 12, w: 12, ci: 10, co: 20, k: 5 },
  { n: 3, h: 9, w: 7, ci: 4, co: 3, k: 3 },
  { n: 5, h: 6, w: 11, ci: 2, co: 7, k: 1 },
];

for (const backend of ['cpu', 'wasm'] as const) {
  test(`convInputGradient equals the gradient of tf.conv2d with respect to its input (${backend})`, async () => {
    await initBackend(backend);
    const rng = new Rng(7);
    for (const s of SHAPES) {
      const oh = s.h - s.k + 1, ow = s.w - s.k + 1;
      const x = tf.tensor4d(normals(rng, s.n * s.h * s.w * s.ci), [s.n, s.h, s.w, s.ci]);
      const filter = tf.tensor4d(normals(rng, s.k * s.k * s.ci * s.co), [s.k, s.k, s.ci, s.co]);
      const dy = tf.tensor4d(normals(rng, s.n * oh * ow * s.co), [s.n, oh, ow, s.co]);
      // Reference: autodiff of sum(conv2d(x) * dy), whose input gradient is exactly conv2d's.
      const want = tf.grad((xx) => tf.sum(tf.mul(tf.conv2d(xx as tf.Tensor4D, filter, 1, 'valid'), dy)))(x);
      const wT = filterTransposed(filter);
      const got = convInputGradient(tf.reshape(dy, [s.n * oh * ow, s.co]) as tf.Tensor2D, wT, s);
      assert.deepEqual(got.shape, [s.n * s.h * s.w, s.ci]);
      const e = relErr(got.dataSync(), want.dataSync());
      assert.ok(e < 1e-5, `${backend} ${JSON.stringify(s)}: relative error ${e}`);
      // Same inputs, same numbers: the scatter-add order is fixed.
      const again = convInputGradient(tf.reshape(dy, [s.n * oh * ow, s.co]) as tf.Tensor2D, wT, s);
      assert.deepEqual(again.dataSync(), got.dataSync());
      tf.dispose([x, filter, dy, want, wT, got, again]);
    }
  });
}

test('convInputGradient names the shapes that do not fit', async () => {
  await initBackend('cpu');
  const dy = tf.zeros([10, 3]) as tf.Tensor2D;
  const wT = tf.zeros([3, 18]) as tf.Tensor2D;
  assert.throws(() => convInputGradient(dy, wT, { n: 1, h: 6, w: 6, ci: 2, k: 3 }), /dy \[10,3\] and Wᵀ \[3,18\] do not fit input 1x6x6x2 with a 3x3 filter/);
  assert.throws(() => filterTransposed(tf.zeros([3, 3, 2])), /expected a \[k, k, ci, co\] filter, found shape \[3,3,2\]/);
  tf.dispose([dy, wT]);
});

test('filledTensor and hostView round-trip values on wasm and cpu', async () => {
  const { filledTensor, hostView } = await import('../../src/backend/heap-tensor');
  for (const backend of ['wasm', 'cpu'] as const) {
    await initBackend(backend);
    const t = filledTensor([2, 3], (v) => v.set([1, 2, 3, 4, 5, 6]));
    assert.deepEqual(Array.from(hostView(t)), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(t.shape, [2, 3]);
    assert.equal(size(t.shape), 6);
    t.dispose();
  }
});
