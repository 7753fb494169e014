// Per-kernel timing of our wasm SIMD kernels against the JavaScript passes they replace, on the
// shapes of bn32x64's 64-image training step (one thread), alternating, median of `--rounds`
// (default 7) rounds of 20 calls each: `npx tsx scripts/simd-kernel-bench.ts [--only <part of a row's name>]`.
// Stdout only.
import * as tf from '@tensorflow/tfjs';
import { filledTensor, hostView } from '../src/backend/heap-tensor';
import { initBackend } from '../src/backend/select';
import { setSimdKernels, simdKernels, type SimdKernels } from '../src/backend/simd/module';
import { backwardInto, backwardSums, channelSquareSums, normalizeInto } from '../src/nn/layers/batch-norm-passes';
import { backwardIntoWasm, backwardSumsWasm, channelSquareSumsWasm, normalizeWasm } from '../src/nn/layers/batch-norm-wasm';
import { applyMask } from '../src/nn/layers/dropout';
import { maxPoolArgmaxWasm, maxPoolBackwardWasm } from '../src/nn/layers/max-pool-wasm';
import { dropoutApplyWasm } from '../src/nn/masks-wasm';
import { maxPool2x2Argmax, scatterToArgmax } from '../src/nn/pool-argmax';
import { ElasticWorkspace } from '../src/augment/elastic';
import { convInputGradient, filterTransposed } from '../src/models/conv-input-gradient';
import { WeightAverage } from '../src/optim/ema';
import { HostOptimizer } from '../src/optim/host-optimizer';
import { applyWeightDecay } from '../src/optim/weight-decay';
import { median } from '../src/stats/summary';
import { Rng } from '../src/util/rng';

interface Pair { name: string; js: () => void; simd: () => void }

const rng = new Rng(1);
const normals = (shape: number[]): tf.Tensor => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
const coefs = (c: number): Float64Array => Float64Array.from({ length: c }, () => rng.normal());

/** Batch norm (+ReLU) forward and backward over x of `shape`, as BatchNorm runs them. */
function batchNorm(s: SimdKernels, shape: number[]): Pair[] {
  const c = shape[shape.length - 1];
  const x = tf.keep(normals(shape)), g = tf.keep(normals(shape)), y = tf.keep(tf.relu(normals(shape)));
  const [a, b, d, e, f] = [coefs(c), coefs(c), coefs(c), coefs(c), coefs(c)];
  const label = `batch norm [${shape.join(', ')}]`;
  return [
    { name: `${label} forward`, js: () => { channelSquareSums(hostView(x), c); filledTensor(shape, (o) => normalizeInto(hostView(x), a, b, true, o)).dispose(); },
      simd: () => { channelSquareSumsWasm(s, x, c); normalizeWasm(s, x, a, b, true).dispose(); } },
    { name: `${label} backward`, js: () => { backwardSums(hostView(g), hostView(x), hostView(y), a, b, c); filledTensor(shape, (o) => backwardInto(hostView(g), hostView(x), hostView(y), d, e, f, o)).dispose(); },
      simd: () => { backwardSumsWasm(s, g, x, y, a, b, c); backwardIntoWasm(s, g, x, y, d, e, f).dispose(); } },
  ];
}

/** Max-pool with arg-max and its scatter over x of `shape`, as MaxPool runs them. */
function maxPool(s: SimdKernels, shape: [number, number, number, number]): Pair {
  const [n, h, w, c] = shape;
  const out = [n, h >> 1, w >> 1, c];
  const x = tf.keep(normals(shape)), g = tf.keep(normals(out));
  return {
    name: `max-pool [${shape.join(', ')}] forward + backward`,
    js: () => {
      const arg = new Int32Array(g.size);
      filledTensor(out, (o) => maxPool2x2Argmax(hostView(x), o, arg, n, h, w, c, null)).dispose();
      filledTensor(shape, (o) => scatterToArgmax(hostView(g), arg, o)).dispose();
    },
    simd: () => {
      const r = maxPoolArgmaxWasm(s, x);
      maxPoolBackwardWasm(s, g, r.arg, shape).dispose();
      tf.dispose([r.pooled, r.arg]);
    },
  };
}

function dropout(s: SimdKernels, shape: number[]): Pair {
  const v = tf.keep(normals(shape));
  const mask = Float32Array.from({ length: v.size }, () => (rng.uniform() < 0.5 ? 0 : 2));
  return {
    name: `dropout [${shape.join(', ')}] forward + backward`,
    js: () => { for (let i = 0; i < 2; i++) filledTensor(shape, (o) => applyMask(hostView(v), mask, 0, 0, o)).dispose(); },
    simd: () => { for (let i = 0; i < 2; i++) dropoutApplyWasm(s, v, mask, 0, 0).dispose(); },
  };
}

/** conv1's filter gradient: im2col + transposes in JS, or the transposed im2col kernel and no transposes. */
function conv1FilterGrad(): Pair {
  const x = tf.keep(normals([64, 28, 28, 1])), dy = tf.keep(normals([64, 24, 24, 32]));
  const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [5, 5, 1, 32] } as unknown as tf.NamedAttrMap;
  const grad = (simd: boolean) => () => {
    setSimdKernels(simd);
    (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs) as tf.Tensor).dispose();
    setSimdKernels(true);
  };
  return { name: 'conv1 filter gradient [64, 28, 28, 1] → [5, 5, 1, 32]', js: grad(false), simd: grad(true) };
}

/** One optimizer step (Nesterov) with weight decay and an EMA update over bn32x64's parameters (shared memory, as the trainer keeps them). */
function optimizerStep(): Pair {
  const sizes = [800, 32, 32, 51200, 64, 64, 131072, 128, 128, 1280, 10];
  const params = sizes.map((n) => new Float32Array(new SharedArrayBuffer(4 * n)).map(() => rng.normal()));
  const grads = sizes.map((n) => Float32Array.from({ length: n }, () => rng.normal()));
  const decays = sizes.map((_, i) => [0, 3, 6, 9].includes(i));
  const opt = new HostOptimizer({ kind: 'nesterov', lr: 1e-6, momentum: 0.9 }, sizes);
  const ema = new WeightAverage(0.999, params, []);
  const step = (simd: boolean) => () => {
    setSimdKernels(simd);
    applyWeightDecay(params, decays, 1e-6, 1, 5e-4);
    opt.step(params, grads);
    ema.update(params, []);
    setSimdKernels(true);
  };
  return { name: 'optimizer step + weight decay + EMA (bn32x64, 184k parameters)', js: step(false), simd: step(true) };
}

/** The displacement fields of 64 strong views (28×28, σ = 4: uniform draws, blur, scale). */
function elasticFields(): Pair {
  const ws = new ElasticWorkspace(28, 28, 4);
  const fields = (simd: boolean) => () => {
    setSimdKernels(simd);
    for (let i = 0; i < 64; i++) ws.sample(34, rng);
    setSimdKernels(true);
  };
  return { name: 'elastic displacement fields, 64 images 28×28, σ = 4', js: fields(false), simd: fields(true) };
}

/** conv2's input gradient (one product, then col2im as a ScatterNd or our gather kernel). */
function conv2InputGrad(): Pair {
  const dy = tf.keep(normals([64 * 8 * 8, 64])) as tf.Tensor2D, wT = tf.keep(filterTransposed(normals([5, 5, 32, 64])));
  const grad = (simd: boolean) => () => {
    setSimdKernels(simd);
    convInputGradient(dy, wT, { n: 64, h: 12, w: 12, ci: 32, k: 5 }).dispose();
    setSimdKernels(true);
  };
  return { name: 'conv2 input gradient [64, 8, 8, 64] → [64, 12, 12, 32] (includes the product)', js: grad(false), simd: grad(true) };
}

function timeMs(f: () => void, calls: number): number {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) f();
  return (performance.now() - t0) / calls;
}

async function main(): Promise<void> {
  await initBackend('wasm');
  const s = simdKernels();
  if (s === null) throw new Error('simd-kernel-bench: our kernels did not load on the wasm backend');
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] ?? 7) || 7;
  const only = process.argv.indexOf('--only') >= 0 ? process.argv[process.argv.indexOf('--only') + 1] : null;
  const all = [
    ...batchNorm(s, [64, 24, 24, 32]), ...batchNorm(s, [64, 8, 8, 64]), ...batchNorm(s, [64, 128]),
    maxPool(s, [64, 24, 24, 32]), maxPool(s, [64, 8, 8, 64]), dropout(s, [64, 128]), conv1FilterGrad(), conv2InputGrad(), optimizerStep(), elasticFields(),
  ];
  const pairs = only === null ? all : all.filter((p) => p.name.includes(only));
  console.log('| kernel (bn32x64, batch 64) | JS pass, ms | SIMD kernel, ms | speed-up |');
  console.log('|---|---|---|---|');
  for (const p of pairs) {
    for (let i = 0; i < 5; i++) { p.js(); p.simd(); }
    const js: number[] = [], simd: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) { js.push(timeMs(p.js, 20)); simd.push(timeMs(p.simd, 20)); }
      else { simd.push(timeMs(p.simd, 20)); js.push(timeMs(p.js, 20)); }
    }
    const ratios = js.map((v, i) => v / simd[i]);
    console.log(`| ${p.name} | ${median(js).toFixed(3)} | ${median(simd).toFixed(3)} | ${median(ratios).toFixed(1)}x |`);
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
