// Data parallelism for spec networks: the same parameters and running statistics, bit for bit,
// after a few steps on one thread and on two (the main thread plus one worker).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/backend/select';
import { HostOptimizer } from '../../src/optim/host-optimizer';
import { buildNetwork } from '../../src/nn/build';
import { BN32X64, starterSpec } from '../../src/nn/specs';
import type { ModelSpec } from '../../src/nn/spec';
import { ParallelPool } from '../../src/parallel/pool';
import { Rng } from '../../src/util/rng';

let pool: ParallelPool | null = null;
after(async () => {
  await pool?.dispose();
});

function train(spec: ModelSpec, withPool: boolean, steps: number): Float32Array[] {
  const rng = new Rng(42);
  const net = buildNetwork(spec, { rng: rng.fork(), runner: withPool ? pool!.runner : null });
  const opt = new HostOptimizer({ kind: 'nesterov', lr: 0.05, momentum: 0.9 }, net.parameters.map((p) => p.length));
  const data = rng.fork(), drop = rng.fork();
  for (let s = 0; s < steps; s++) {
    const n = s === steps - 1 ? 37 : 64;
    const images = new Float32Array(n * 784).map(() => (data.uniform() < 0.2 ? 2.8 * data.uniform() : -0.42));
    const labels = Int32Array.from({ length: n }, () => data.int(10));
    const g = net.gradients({ images, targets: { kind: 'hard', labels }, scale: 1 / n, rng: drop });
    opt.step(net.parameters, g.grads);
    net.parametersChanged();
  }
  const out = [...net.parameters, ...net.buffers].map((p) => p.slice());
  // Eval through the pool too: rows split across threads give the same log-probabilities.
  out.push(net.logProbs(new Float32Array(50 * 784).map((_, i) => Math.sin(i))));
  net.dispose();
  return out;
}

test('spec networks train to the same bits on one thread and on two (starter and bn32x64)', async () => {
  await initBackend('wasm');
  pool = new ParallelPool(1, 'wasm');
  for (const spec of [starterSpec(), BN32X64]) {
    const one = train(spec, false, 4);
    const two = train(spec, true, 4);
    one.forEach((p, i) => assert.deepEqual(two[i], p, `${spec.name}: array ${i} differs between 1 and 2 threads`));
  }
});
