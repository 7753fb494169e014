import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmConv2DBackpropFilter } from '../../src/backend/conv2d-backprop-filter-wasm';
import { IM2COL_MAX_TAPS } from '../../src/backend/filter-grad-im2col';
import { Rng } from '../../src/util/rng';
import { normals, relErr, runKernelOn, size, onWasmAndCpu } from '../helpers/numeric';

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
interface Case {
  label: string;
  x: Shape4;
  w: Shape4;
  strides: [number, number];
  dilations: [number, number];
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}



function convInfo(c: Case): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(c.x, c.w, c.strides, c.dilations, c.pad, c.dimRoundingMode, false, 'channelsLast');
}

/** The defining sum, in float64, reading zeros outside x: the reference both backends must match. */
function reference(c: Case, x: Float32Array, dy: Float32Array): Float64Array {
  const info = convInfo(c);
  const [n, h, w, ci] = c.x;
  const [kh, kw, , co] = c.w;
  const { outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  const out = new Float64Array(kh * kw * ci * co);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        for (let r = 0; r < oh; r++) {
          const xr = r * c.strides[0] + i * c.dilations[0] - top;
          if (xr < 0 || xr >= h) continue;
          for (let s = 0; s < ow; s++) {
            const xc = s * c.strides[1] + j * c.dilations[1] - left;
            if (xc < 0 || xc >= w) continue;
            const xo = ((b * h + xr) * w + xc) * ci;
            const dyo = ((b * oh + r) * ow + s) * co;
            for (let p = 0; p < ci; p++) {
              const xv = x[xo + p];
              const oo = ((i * kw + j) * ci + p) * co;
              for (let q = 0; q < co; q++) out[oo + q] += xv * dy[dyo + q];
            }
          }
        }
      }
    }
  }
  return out;
}

async function runKernel(backend: 'wasm' | 'cpu', c: Case, x: Float32Array, dy: Float32Array, dataFormat = 'NHWC'): Promise<Float32Array> {
  const attrs: Record<string, unknown> = { strides: c.strides, pad: c.pad, dataFormat, dimRoundingMode: c.dimRoundingMode, filterShape: c.w };
  // tfjs's kernel has no dilations attribute (its gradient refuses dilation > 1); ours reads one.
  if (c.dilations[0] !== 1 || c.dilations[1] !== 1) attrs.dilations = c.dilations;
  const inputs = { x: { values: x, shape: c.x }, dy: { values: dy, shape: convInfo(c).outShape } };
  return runKernelOn(backend, 'Conv2DBackpropFilter', inputs, attrs, c.w);
}


const TOL = 1e-4;

function edgeCases(): Case[] {
  const one: [number, number] = [1, 1];
  const two: [number, number] = [2, 2];
  const explicit: tf.backend_util.ExplicitPadding = [[0, 0], [1, 2], [0, 1], [0, 0]];
  return [
    { label: 'valid s1', x: [1, 5, 5, 1], w: [3, 3, 1, 1], strides: one, dilations: one, pad: 'valid' },
    { label: 'valid s2 odd', x: [3, 9, 7, 2], w: [3, 2, 2, 4], strides: two, dilations: one, pad: 'valid' },
    { label: 'same s2 odd', x: [3, 9, 8, 3], w: [3, 3, 3, 5], strides: two, dilations: one, pad: 'same' },
    { label: 'same s(1,2)', x: [1, 10, 11, 2], w: [4, 3, 2, 3], strides: [1, 2], dilations: one, pad: 'same' },
    { label: 'pad 1 s(2,1)', x: [2, 7, 6, 2], w: [3, 3, 2, 2], strides: [2, 1], dilations: one, pad: 1 },
    { label: 'explicit pad', x: [3, 6, 7, 2], w: [2, 3, 2, 3], strides: two, dilations: one, pad: explicit },
    { label: 'pad 1 ceil', x: [2, 8, 8, 1], w: [3, 3, 1, 2], strides: two, dilations: one, pad: 1, dimRoundingMode: 'ceil' },
    { label: 'pad 0 round', x: [1, 8, 9, 2], w: [3, 3, 2, 2], strides: two, dilations: one, pad: 0, dimRoundingMode: 'round' },
    { label: 'filter = input', x: [3, 4, 5, 2], w: [4, 5, 2, 3], strides: one, dilations: one, pad: 'valid' },
    { label: '1x1 filter s2', x: [2, 5, 5, 3], w: [1, 1, 3, 4], strides: two, dilations: one, pad: 'valid' },
    { label: 'dilation 2 valid', x: [2, 9, 9, 2], w: [3, 3, 2, 3], strides: one, dilations: two, pad: 'valid' },
    { label: 'dilation 2 same', x: [3, 8, 7, 1], w: [3, 2, 1, 2], strides: one, dilations: two, pad: 'same' },
    { label: 'dilation (2,1) stride (1,2)', x: [1, 9, 10, 2], w: [3, 3, 2, 2], strides: [1, 2], dilations: [2, 1], pad: 'valid' },
    { label: 'dilation 2 stride 2', x: [2, 11, 11, 2], w: [3, 3, 2, 2], strides: two, dilations: two, pad: explicit },
  ];
}

function randomCases(rng: Rng, count: number, manyTaps = false): Case[] {
  const cases: Case[] = [];
  for (let k = 0; cases.length < count; k++) {
    const kh = (manyTaps ? 3 : 1) + rng.int(manyTaps ? 2 : 4), kw = (manyTaps ? 3 : 1) + rng.int(manyTaps ? 2 : 4);
    const dilations: [number, number] = [1 + rng.int(2), 1 + rng.int(2)];
    const strides: [number, number] = [1 + rng.int(2), 1 + rng.int(2)];
    const h = (kh - 1) * dilations[0] + 1 + rng.int(8);
    const w = (kw - 1) * dilations[1] + 1 + rng.int(8);
    const kind = rng.int(4);
    const pad: Pad = kind === 0 ? 'valid' : kind === 1 ? 'same' : kind === 2 ? rng.int(3)
      : [[0, 0], [rng.int(3), rng.int(3)], [rng.int(3), rng.int(3)], [0, 0]];
    const c: Case = {
      label: `random #${k}`, x: [1 + rng.int(3), h, w, manyTaps ? 8 + rng.int(8) : 1 + rng.int(4)], w: [kh, kw, 0, 1 + rng.int(5)], strides, dilations, pad,
    };
    c.w[2] = c.x[3];
    c.label += ` x[${c.x}] w[${c.w}] s[${strides}] d[${dilations}] pad ${JSON.stringify(pad)}`;
    // tfjs sizes a numeric pad's output width with the filter's height and the stride's height,
    // which can leave no output at all; we follow convInfo like tfjs does, but need some dy.
    if (convInfo(c).outShape.some((d) => d <= 0)) continue;
    cases.push(c);
  }
  return cases;
}

async function check(c: Case, rng: Rng, withCpu: boolean): Promise<void> {
  const x = normals(rng, size(c.x));
  const dy = normals(rng, size(convInfo(c).outShape));
  const want = reference(c, x, dy);
  const got = await runKernel('wasm', c, x, dy);
  const e = relErr(got, want);
  assert.ok(e < TOL, `${c.label}: wasm vs float64 reference, relative error ${e}`);
  if (withCpu) {
    const cpu = await runKernel('cpu', c, x, dy);
    const ec = relErr(got, cpu);
    assert.ok(ec < TOL, `${c.label}: wasm vs cpu backend, relative error ${ec}`);
    // The reference must itself agree with tfjs, or the dilation cases would prove nothing.
    assert.ok(relErr(cpu, want) < TOL, `${c.label}: cpu vs float64 reference`);
  }
}

test('registration is idempotent and adds the kernel to wasm', () => {
  assert.equal(registerWasmConv2DBackpropFilter(), true);
  assert.equal(registerWasmConv2DBackpropFilter(), true);
  assert.ok(tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined);
});

test('edge shapes: wasm matches the float64 reference, and the cpu backend where tfjs defines it', async () => {
  registerWasmConv2DBackpropFilter();
  const rng = new Rng(20240611);
  for (const c of edgeCases()) await check(c, rng, c.dilations[0] === 1 && c.dilations[1] === 1);
});

test('random shapes: wasm matches the float64 reference and the cpu backend', async () => {
  registerWasmConv2DBackpropFilter();
  const rng = new Rng(7);
  for (const c of randomCases(rng.fork(), 40)) await check(c, rng, c.dilations[0] === 1 && c.dilations[1] === 1);
});

// Few taps (kh·kw·ci ≤ 64) take the im2col product, more take the Conv2D formulation: test both.
test('random shapes with many taps (the Conv2D formulation): wasm matches the float64 reference and the cpu backend', async () => {
  registerWasmConv2DBackpropFilter();
  const rng = new Rng(8);
  const cases = randomCases(rng.fork(), 20, true);
  assert.ok(cases.every((c) => c.w[0] * c.w[1] * c.w[2] > IM2COL_MAX_TAPS));
  for (const c of cases) await check(c, rng, c.dilations[0] === 1 && c.dilations[1] === 1);
});

test('the two layers of our CNN: wasm matches the cpu backend', async () => {
  registerWasmConv2DBackpropFilter();
  const rng = new Rng(11);
  const layers: Case[] = [
    { label: 'conv1', x: [64, 28, 28, 1], w: [5, 5, 1, 10], strides: [1, 1], dilations: [1, 1], pad: 'valid' },
    { label: 'conv2', x: [64, 12, 12, 10], w: [5, 5, 10, 20], strides: [1, 1], dilations: [1, 1], pad: 'valid' },
  ];
  for (const c of layers) await check(c, rng, true);
});

test('tf.grad of conv2d with respect to the filter agrees between wasm and cpu', async () => {
  registerWasmConv2DBackpropFilter();
  const rng = new Rng(3);
  const xv = normals(rng, 3 * 9 * 9 * 2), wv = normals(rng, 3 * 3 * 2 * 4);
  const [wasm, cpu] = await onWasmAndCpu(() => {
    const x = tf.tensor4d(xv, [3, 9, 9, 2]);
    const f = (w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 2, 'same').square().sum();
    return tf.grad(f)(tf.tensor4d(wv, [3, 3, 2, 4]));
  });
  assert.ok(relErr(wasm, cpu) < TOL);
});

test('the kernel frees every intermediate', async () => {
  registerWasmConv2DBackpropFilter();
  await tf.setBackend('wasm');
  const backend = tf.backend() as unknown as BackendWasm;
  const c: Case = { label: 'leak', x: [2, 7, 7, 3], w: [3, 3, 3, 2], strides: [2, 2], dilations: [1, 1], pad: 'same' };
  const x = tf.tensor4d(normals(new Rng(5), size(c.x)), c.x);
  const dy = tf.ones(convInfo(c).outShape);
  const before = backend.numDataIds();
  const g = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.w });
  assert.equal(backend.numDataIds(), before + 1);
  tf.dispose([g as tf.Tensor, x, dy]);
});

test('NCHW and other unsupported attributes are refused by name', async () => {
  registerWasmConv2DBackpropFilter();
  const c: Case = { label: 'nchw', x: [1, 4, 4, 1], w: [2, 2, 1, 1], strides: [1, 1], dilations: [1, 1], pad: 'valid' };
  const x = new Float32Array(16), dy = new Float32Array(9);
  await assert.rejects(runKernel('wasm', c, x, dy, 'NCHW'), /dataFormat.*"NCHW"/);
  const xt = tf.zeros(c.x), dyt = tf.zeros([1, 3, 3, 1]);
  assert.throws(() => tf.engine().runKernel('Conv2DBackpropFilter', { x: xt, dy: dyt },
    { strides: [0, 1], pad: 'valid', dataFormat: 'NHWC', filterShape: c.w }), /attribute strides.*\[0,1\]/);
  tf.dispose([xt, dyt]);
});
