import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { registerWasmMaxPoolGrad } from '../../src/backend/max-pool-grad-wasm';
import { Rng } from '../../src/util/rng';

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number;
interface Case { label: string; x: Shape4; f: [number, number]; s: [number, number]; pad: Pad }

/** Values from a few levels, so windows often hold several equal maxima. */
function tied(rng: Rng, n: number, levels: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(levels) - 1;
  return out;
}

async function grad(backend: string, c: Case, xv: Float32Array): Promise<Float32Array> {
  assert.ok(await tf.setBackend(backend));
  const g = tf.tidy(() => {
    const x = tf.tensor4d(xv, c.x);
    const dyScale = tf.range(1, 1 + tf.maxPool(x, c.f, c.s, c.pad).size).reshape(tf.maxPool(x, c.f, c.s, c.pad).shape);
    return tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, c.f, c.s, c.pad).mul(dyScale).sum())(x);
  });
  const v = g.dataSync() as Float32Array;
  g.dispose();
  return v;
}

async function check(c: Case, xv: Float32Array): Promise<void> {
  const wasm = await grad('wasm', c, xv);
  const cpu = await grad('cpu', c, xv);
  assert.deepEqual(Array.from(wasm), Array.from(cpu), c.label);
}

test('registration replaces the built-in kernel', () => {
  assert.equal(registerWasmMaxPoolGrad(), true);
  assert.equal(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc.name, 'maxPoolGradWasm');
});

test("the CNN's pools, with ties and NaN/-Infinity windows, route dy exactly as the cpu backend", async () => {
  registerWasmMaxPoolGrad();
  const rng = new Rng(1);
  for (const c of [
    { label: 'conv1 pool', x: [8, 24, 24, 10] as Shape4, f: [2, 2] as [number, number], s: [2, 2] as [number, number], pad: 'valid' as Pad },
    { label: 'conv2 pool', x: [8, 8, 8, 20] as Shape4, f: [2, 2] as [number, number], s: [2, 2] as [number, number], pad: 'valid' as Pad },
    { label: 'odd size', x: [2, 7, 9, 3] as Shape4, f: [2, 2] as [number, number], s: [2, 2] as [number, number], pad: 'valid' as Pad },
  ]) {
    const xv = tied(rng, c.x.reduce((a, b) => a * b, 1), 3);
    xv[0] = Number.NaN; xv[5] = Number.NEGATIVE_INFINITY;
    await check(c, xv);
  }
});

test('random windows, strides and paddings (overlapping and same-padded) match the cpu backend', async () => {
  registerWasmMaxPoolGrad();
  const rng = new Rng(5);
  for (let k = 0; k < 30; k++) {
    // wasm's forward MaxPool (XNNPACK) itself corrupts memory on a 1x1 window or a stride wider
    // than the window, so those are left out.
    const f: [number, number] = [2 + rng.int(2), 2 + rng.int(2)];
    const s: [number, number] = [1 + rng.int(f[0]), 1 + rng.int(f[1])];
    const kind = rng.int(3);
    const pad: Pad = kind === 1 ? 'same' : 'valid'; // numeric pads crash wasm's forward MaxPool too
    const x: Shape4 = [1 + rng.int(3), f[0] + rng.int(6), f[1] + rng.int(6), 1 + rng.int(4)];
    const c = { label: `#${k} x[${x}] f[${f}] s[${s}] pad ${pad}`, x, f, s, pad };
    try {
      tf.backend_util.computePool2DInfo(x, f, s, 1, pad);
    } catch {
      continue;
    }
    await check(c, tied(rng, x.reduce((a, b) => a * b, 1), 4));
  }
});
