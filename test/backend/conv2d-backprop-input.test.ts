import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmConv2DBackpropInput } from '../../src/backend/conv2d-backprop-input-wasm';
import { Rng } from '../../src/util/rng';
import { normals, relErr, runKernelOn, size, onWasmAndCpu } from '../helpers/numeric';

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
interface Case {
  label: string;
  x: Shape4;
  w: Shape4;
  strides: [number, number];
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}


const outShape = (c: Case): number[] =>
  tf.backend_util.computeConv2DInfo(c.x, c.w, c.strides, 1, c.pad, c.dimRoundingMode, false, 'channelsLast').outShape;

/** The defining sum in float64: dx[n,i,j,ci] gathers every output that read x[n,i,j,ci]. */
function reference(c: Case, dy: Float32Array, w: Float32Array): Float64Array {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.w, c.strides, 1, c.pad, c.dimRoundingMode, false, 'channelsLast');
  const [n, h, wd, ci] = c.x;
  const [kh, kw, , co] = c.w;
  const { outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  const dx = new Float64Array(size(c.x));
  for (let b = 0; b < n; b++) {
    for (let r = 0; r < oh; r++) {
      for (let s = 0; s < ow; s++) {
        for (let a = 0; a < kh; a++) {
          const i = r * c.strides[0] + a - top;
          if (i < 0 || i >= h) continue;
          for (let e = 0; e < kw; e++) {
            const j = s * c.strides[1] + e - left;
            if (j < 0 || j >= wd) continue;
            for (let p = 0; p < ci; p++) {
              let acc = 0;
              for (let q = 0; q < co; q++) acc += dy[((b * oh + r) * ow + s) * co + q] * w[((a * kw + e) * ci + p) * co + q];
              dx[((b * h + i) * wd + j) * ci + p] += acc;
            }
          }
        }
      }
    }
  }
  return dx;
}

async function runKernel(backend: 'wasm' | 'cpu', c: Case, dy: Float32Array, w: Float32Array): Promise<Float32Array> {
  const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: c.dimRoundingMode, inputShape: c.x };
  const inputs = { dy: { values: dy, shape: outShape(c) }, filter: { values: w, shape: c.w } };
  return runKernelOn(backend, 'Conv2DBackpropInput', inputs, attrs, c.x);
}


const TOL = 1e-4;

async function check(c: Case, rng: Rng): Promise<void> {
  const dy = normals(rng, size(outShape(c)));
  const w = normals(rng, size(c.w));
  const want = reference(c, dy, w);
  const got = await runKernel('wasm', c, dy, w);
  const cpu = await runKernel('cpu', c, dy, w);
  assert.ok(relErr(cpu, want) < TOL, `${c.label}: cpu vs float64 reference ${relErr(cpu, want)}`);
  assert.ok(relErr(got, cpu) < TOL, `${c.label}: wasm vs cpu backend, relative error ${relErr(got, cpu)}`);
}

test('registration replaces the built-in kernel and is idempotent', () => {
  assert.equal(registerWasmConv2DBackpropInput(), true);
  assert.equal(registerWasmConv2DBackpropInput(), true);
  assert.equal(tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc.name, 'conv2DBackpropInputWasm');
});

test('edge shapes: wasm matches the cpu backend and a float64 reference', async () => {
  registerWasmConv2DBackpropInput();
  const one: [number, number] = [1, 1];
  const two: [number, number] = [2, 2];
  const cases: Case[] = [
    { label: 'valid s1', x: [1, 5, 5, 1], w: [3, 3, 1, 1], strides: one, pad: 'valid' },
    { label: 'conv2 of the CNN', x: [4, 12, 12, 10], w: [5, 5, 10, 20], strides: one, pad: 'valid' },
    { label: 'same s1', x: [2, 6, 7, 3], w: [3, 4, 3, 2], strides: one, pad: 'same' },
    { label: 'valid s2 odd', x: [3, 9, 7, 2], w: [3, 2, 2, 4], strides: two, pad: 'valid' },
    { label: 'same s2', x: [3, 9, 8, 3], w: [3, 3, 3, 5], strides: two, pad: 'same' },
    { label: 'same s(1,2)', x: [1, 10, 11, 2], w: [4, 3, 2, 3], strides: [1, 2], pad: 'same' },
    { label: 'pad 1 s(2,1)', x: [2, 7, 6, 2], w: [3, 3, 2, 2], strides: [2, 1], pad: 1 },
    { label: 'explicit pad', x: [3, 6, 7, 2], w: [2, 3, 2, 3], strides: two, pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
    { label: 'pad larger than filter', x: [1, 4, 5, 2], w: [2, 2, 2, 3], strides: one, pad: [[0, 0], [3, 1], [2, 4], [0, 0]] },
    { label: 'pad 1 ceil', x: [2, 8, 8, 1], w: [3, 3, 1, 2], strides: two, pad: 1, dimRoundingMode: 'ceil' },
    { label: 'filter = input', x: [3, 4, 5, 2], w: [4, 5, 2, 3], strides: one, pad: 'valid' },
    { label: '1x1 filter s2 (unread rows)', x: [2, 6, 6, 3], w: [1, 1, 3, 4], strides: two, pad: 'valid' },
    { label: 'stride 3', x: [2, 10, 11, 2], w: [2, 3, 2, 3], strides: [3, 3], pad: 'valid' },
  ];
  const rng = new Rng(99);
  for (const c of cases) await check(c, rng);
});

test('random shapes: wasm matches the cpu backend and a float64 reference', async () => {
  registerWasmConv2DBackpropInput();
  const rng = new Rng(2024);
  let done = 0;
  for (let k = 0; done < 40; k++) {
    const kh = 1 + rng.int(5), kw = 1 + rng.int(5);
    const strides: [number, number] = [1 + rng.int(3), 1 + rng.int(3)];
    const kind = rng.int(4);
    const pad: Pad = kind === 0 ? 'valid' : kind === 1 ? 'same' : kind === 2 ? rng.int(3)
      : [[0, 0], [rng.int(4), rng.int(4)], [rng.int(4), rng.int(4)], [0, 0]];
    const c: Case = {
      label: `random #${k}`, x: [1 + rng.int(3), kh + rng.int(9), kw + rng.int(9), 1 + rng.int(5)], w: [kh, kw, 0, 1 + rng.int(6)], strides, pad,
    };
    c.w[2] = c.x[3];
    c.label += ` x[${c.x}] w[${c.w}] s[${strides}] pad ${JSON.stringify(pad)}`;
    if (outShape(c).some((d) => d <= 0)) continue;
    await check(c, rng);
    done++;
  }
});

test('tf.grad of conv2d with respect to its input agrees between wasm and cpu', async () => {
  registerWasmConv2DBackpropInput();
  const rng = new Rng(3);
  const xv = normals(rng, 3 * 12 * 12 * 10), wv = normals(rng, 5 * 5 * 10 * 20);
  const [wasm, cpu] = await onWasmAndCpu(() => {
    const w = tf.tensor4d(wv, [5, 5, 10, 20]);
    const f = (x: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, w, 1, 'valid').square().sum();
    return tf.grad(f)(tf.tensor4d(xv, [3, 12, 12, 10]));
  });
  assert.ok(relErr(wasm, cpu) < TOL);
});

test('the kernel frees every intermediate', async () => {
  registerWasmConv2DBackpropInput();
  await tf.setBackend('wasm');
  const backend = tf.backend() as unknown as BackendWasm;
  for (const strides of [[1, 1], [2, 2]] as const) {
    const c: Case = { label: 'leak', x: [2, 7, 7, 3], w: [3, 3, 3, 2], strides: [strides[0], strides[1]], pad: [[0, 0], [4, 0], [0, 0], [0, 0]] };
    const dy = tf.ones(outShape(c));
    const w = tf.ones(c.w);
    const before = backend.numDataIds();
    const g = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x });
    assert.equal(backend.numDataIds(), before + 1);
    tf.dispose([g as tf.Tensor, dy, w]);
  }
});
