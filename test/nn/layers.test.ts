// Every layer's values and gradients against tfjs autodiff of the same spec written with plain ops
// (test/nn/reference.ts), on the cpu backend and on wasm (where our kernels differ).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/select';
import { SpecNetwork } from '../../src/nn/build';
import type { Targets } from '../../src/nn/network';
import type { LayerSpec, ModelSpec } from '../../src/nn/spec';
import { Rng } from '../../src/util/rng';
import { relErr } from '../helpers/numeric';
import { referenceLoss } from './reference';

const spec = (name: string, input: [number, number, number], layers: LayerSpec[], extra: Partial<ModelSpec> = {}): ModelSpec => ({ name, input, layers, ...extra });

const CASES: ModelSpec[] = [
  spec('conv-valid-bias', [9, 9, 2], [{ type: 'conv2d', filters: 3, kernel: 3 }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('conv-same-stride2', [9, 9, 2], [{ type: 'conv2d', filters: 3, kernel: 3, stride: 2, padding: 'same', bias: false }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('conv-stride2-inner', [9, 9, 2], [{ type: 'conv2d', filters: 2, kernel: 3, padding: 'same' }, { type: 'conv2d', filters: 3, kernel: 3, stride: 2, padding: 'same' }, { type: 'conv2d', filters: 2, kernel: 2, stride: 2 }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('conv-valid-stride2', [10, 10, 3], [{ type: 'conv2d', filters: 2, kernel: 3, stride: 2 }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('conv-same-stride1', [8, 8, 2], [{ type: 'conv2d', filters: 3, kernel: 5, padding: 'same' }, { type: 'gap' }, { type: 'linear', units: 4 }]),
  spec('conv-relu-fused', [8, 8, 2], [{ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'relu' }, { type: 'conv2d', filters: 3, kernel: 3 }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('batchnorm-conv', [6, 6, 2], [{ type: 'conv2d', filters: 3, kernel: 3, bias: false }, { type: 'batchnorm' }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('batchnorm-conv-relu', [6, 6, 2], [{ type: 'conv2d', filters: 3, kernel: 3, bias: false }, { type: 'batchnorm' }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('batchnorm-dense', [4, 4, 1], [{ type: 'flatten' }, { type: 'linear', units: 6, bias: false }, { type: 'batchnorm' }, { type: 'linear', units: 4 }]),
  spec('relu-alone', [5, 5, 2], [{ type: 'conv2d', filters: 3, kernel: 2 }, { type: 'flatten' }, { type: 'relu' }, { type: 'linear', units: 4 }]),
  spec('maxpool', [8, 7, 2], [{ type: 'conv2d', filters: 3, kernel: 2 }, { type: 'maxpool' }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('pool-then-relu-moved', [8, 8, 1], [{ type: 'conv2d', filters: 3, kernel: 3 }, { type: 'dropout2d', rate: 0.4 }, { type: 'maxpool' }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('dropout', [4, 4, 2], [{ type: 'flatten' }, { type: 'linear', units: 8 }, { type: 'dropout', rate: 0.5 }, { type: 'linear', units: 4 }]),
  spec('dropout2d', [6, 6, 1], [{ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'dropout2d', rate: 0.5 }, { type: 'flatten' }, { type: 'linear', units: 4 }]),
  spec('gap', [5, 5, 2], [{ type: 'conv2d', filters: 3, kernel: 2 }, { type: 'gap' }, { type: 'linear', units: 4 }]),
  spec('linear-relu-logits', [4, 4, 1], [{ type: 'flatten' }, { type: 'linear', units: 5 }, { type: 'relu' }, { type: 'linear', units: 4 }, { type: 'relu' }]),
  spec('label-smoothing', [4, 4, 1], [{ type: 'flatten' }, { type: 'linear', units: 4 }], { labelSmoothing: 0.1 }),
];

function targetsFor(kind: 'hard' | 'soft', n: number, k: number, rng: Rng): Targets {
  if (kind === 'hard') return { kind, labels: Int32Array.from({ length: n }, () => rng.int(k)) };
  const probs = new Float32Array(n * k).map(() => rng.uniform());
  for (let i = 0; i < n; i++) {
    const row = probs.subarray(i * k, (i + 1) * k);
    const s = row.reduce((a, b) => a + b, 0);
    row.forEach((v, j) => { row[j] = v / s; });
  }
  return { kind, probs };
}

/** Compares the engine's gradient of one shard (n ≤ shard size: one shard) with autodiff's. */
export function compareWithAutodiff(s: ModelSpec, seed: number, kind: 'hard' | 'soft', weighted: boolean): void {
  const rng = new Rng(seed);
  const net = new SpecNetwork(s, null, null, { rng: rng.fork() });
  // Move initial values off their symmetric defaults so batch-norm scales matter.
  for (const p of net.parameters) for (let i = 0; i < p.length; i++) p[i] += 0.3 * rng.normal();
  net.parametersChanged();
  const n = 6;
  const images = new Float32Array(n * s.input[0] * s.input[1] * s.input[2]).map(() => rng.normal());
  const targets = targetsFor(kind, n, net.classes, rng);
  const weights = weighted ? new Float32Array(n).map(() => rng.uniform()) : null;
  const masks = net.drawMasks(n, new Rng(seed + 1));
  const got = net.local.train({ images, targets, weights, scale: 1 / n, masks });
  const vars = net.parameters.map((p, i) => tf.variable(tf.tensor(p, [...net.info[i].shape])));
  const { value, grads } = tf.variableGrads(() => referenceLoss(s, vars, { images, targets, weights, scale: 1 / n, masks: masks.filter((m): m is Float32Array => m !== null) }, net.classes), vars);
  const f = vars.map((v) => grads[v.name].dataSync() as Float32Array);
  const refLoss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads), ...vars]);
  if (!weighted && s.labelSmoothing === undefined) assert.ok(Math.abs(got.lossSum / n - refLoss) < 1e-4 * Math.max(1, refLoss), `${s.name}: loss ${got.lossSum / n} vs ${refLoss}`);
  net.info.forEach((info, i) => {
    const e = relErr(got.grads[i], f[i], 1e-3);
    assert.ok(e < 2e-4, `${s.name} (${tf.getBackend()}, ${kind}${weighted ? ', weighted' : ''}): gradient of parameter ${i} (${info.name}) differs from autodiff, relative error ${e}`);
  });
  net.dispose();
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`every layer's gradients equal tfjs autodiff (${backend})`, async () => {
    await initBackend(backend);
    CASES.forEach((s, i) => compareWithAutodiff(s, 100 + i, 'hard', false));
  });
  test(`soft targets, label smoothing and per-example weights equal autodiff (${backend})`, async () => {
    await initBackend(backend);
    for (const s of [CASES[0], CASES[7], CASES[15]]) {
      compareWithAutodiff(s, 7, 'soft', true);
      compareWithAutodiff(s, 8, 'hard', true);
    }
  });
}
