import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/backend/select';
import { buildNetwork } from '../../src/nn/build';
import { starterSpec } from '../../src/nn/specs';
import { ParallelPool } from '../../src/parallel/pool';
import { Rng } from '../../src/util/rng';

let pool: ParallelPool | null = null;
after(async () => {
  await pool?.dispose();
});

// Workers keep a spec network's layers and device tensors once they have computed for it; without
// being told of its disposal they would hold every network a long notebook session ever built.
test('disposing a spec network makes the workers drop it, and only it', async () => {
  await initBackend('wasm');
  pool = new ParallelPool(1, 'wasm');
  const images = new Float32Array(784 * 4).fill(0.1);
  const a = buildNetwork(starterSpec(), { rng: new Rng(1), runner: pool.runner });
  const b = buildNetwork(starterSpec(), { rng: new Rng(2), runner: pool.runner });
  a.logProbs(images);
  b.logProbs(images);
  assert.deepEqual(pool.heldNetworks(), [2], 'each network was set up on the worker');
  a.dispose();
  assert.deepEqual(pool.heldNetworks(), [1], 'the disposed network is gone from the worker');
  assert.equal(b.logProbs(images).length, 40, 'the other one still computes there');
  b.dispose();
  assert.deepEqual(pool.heldNetworks(), [0]);
});

test('disposing a network after its pool is gone does not wait for the dead threads', async () => {
  await initBackend('wasm');
  const p = new ParallelPool(1, 'wasm');
  const net = buildNetwork(starterSpec(), { rng: new Rng(3), runner: p.runner });
  net.logProbs(new Float32Array(784 * 2).fill(0.1));
  await p.dispose();
  net.dispose();
});
