import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setSimdKernels } from '../../src/backend/simd/module';
import { Rng } from '../../src/util/rng';
import { normals } from '../helpers/numeric';
import { assertSameBits, wasmKernels } from '../helpers/simd';

type Shape4 = [number, number, number, number];
interface Case { x: Shape4; w: Shape4; strides: number; dilations: number; pad: 'valid' | 'same' }

// Few taps (the im2col formulation): bn32x64's and the starter's conv1, 'same' padding with
// strides and dilation, two input channels.
const CASES: Case[] = [
  { x: [16, 28, 28, 1], w: [5, 5, 1, 32], strides: 1, dilations: 1, pad: 'valid' },
  { x: [8, 28, 28, 1], w: [5, 5, 1, 10], strides: 1, dilations: 1, pad: 'valid' },
  { x: [3, 11, 9, 1], w: [3, 3, 1, 5], strides: 2, dilations: 1, pad: 'same' },
  { x: [2, 12, 13, 2], w: [3, 2, 2, 4], strides: 1, dilations: 2, pad: 'same' },
  { x: [2, 10, 10, 2], w: [4, 4, 2, 3], strides: 3, dilations: 1, pad: 'valid' },
];

function filterGrad(c: Case, xv: Float32Array, dyv: Float32Array, dyShape: number[]): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(xv, c.x), dy = tf.tensor(dyv, dyShape);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: c.dilations, filterShape: c.w };
    return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  }).dataSync() as Float32Array;
}

test('the filter gradient from the transposed im2col (SIMD kernel) equals the transposing JS path bit for bit', async () => {
  await wasmKernels();
  const rng = new Rng(8);
  try {
    for (const c of CASES) {
      const info = tf.backend_util.computeConv2DInfo(c.x, c.w, [c.strides, c.strides], [c.dilations, c.dilations], c.pad, undefined, false, 'channelsLast');
      const xv = normals(rng, c.x.reduce((a, b) => a * b, 1)), dyv = normals(rng, info.outShape.reduce((a, b) => a * b, 1));
      setSimdKernels(false);
      const want = filterGrad(c, xv, dyv, info.outShape);
      setSimdKernels(true);
      assertSameBits(filterGrad(c, xv, dyv, info.outShape), want, `dW for x [${c.x}], w [${c.w}], ${c.pad}, stride ${c.strides}, dilation ${c.dilations}`);
    }
  } finally {
    setSimdKernels(true);
  }
});
