import { test } from 'node:test';
import { setSimdKernels } from '../../src/backend/simd/module';
import { WeightAverage } from '../../src/optim/ema';
import type { OptimizerConfig } from '../../src/optim/functional';
import { HostOptimizer } from '../../src/optim/host-optimizer';
import { applyWeightDecay } from '../../src/optim/weight-decay';
import { Rng } from '../../src/util/rng';
import { normals } from '../helpers/numeric';
import { assertSameBits, wasmKernels } from '../helpers/simd';

// Lengths that are and are not multiples of four (the kernels' scalar tails).
const SIZES = [800, 32, 51200, 7, 10];

/** Three optimizer steps with weight decay and an EMA update each, with the kernels on or off. */
function run(config: OptimizerConfig, simd: boolean): Float32Array[] {
  setSimdKernels(simd);
  const rng = new Rng(9);
  const params = SIZES.map((n) => normals(rng, n));
  const opt = new HostOptimizer(config, SIZES);
  const ema = new WeightAverage(0.99, params, [normals(rng, 5)]);
  for (let step = 0; step < 3; step++) {
    applyWeightDecay(params, SIZES.map((_, i) => i % 2 === 0), config.lr, 0.7, 5e-4);
    opt.step(params, SIZES.map((n) => normals(rng, n)));
    ema.update(params, [normals(rng, 5)]);
  }
  return [...params, ...opt.state(), ...ema.parameters, ...ema.buffers];
}

test('optimizer steps, weight decay and the EMA by the SIMD kernels equal the JavaScript loops bit for bit', async () => {
  await wasmKernels();
  try {
    for (const config of [{ kind: 'sgd', lr: 0.1 }, { kind: 'momentum', lr: 0.05, momentum: 0.9 }, { kind: 'nesterov', lr: 0.03, momentum: 0.95 }] as OptimizerConfig[]) {
      const want = run(config, false), got = run(config, true);
      got.forEach((a, i) => assertSameBits(a, want[i], `${config.kind}: array ${i}`));
    }
  } finally {
    setSimdKernels(true);
  }
});
