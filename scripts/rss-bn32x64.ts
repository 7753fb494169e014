// Peak-memory probe for the engine (issue 10): a few training steps of bn32x64 with a labeled
// batch of 64 and an unlabeled batch of 448 (soft targets, per-image weights, buffers not updated),
// as a semi-supervised step would run them. Run under /usr/bin/time -v and read "Maximum resident
// set size":   /usr/bin/time -v npx tsx scripts/rss-bn32x64.ts
import { initBackend } from '../src/backend/select';
import { buildNetwork } from '../src/nn/build';
import { BN32X64 } from '../src/nn/specs';
import { sharedPool, disposeSharedPool } from '../src/parallel/pool';
import { Rng } from '../src/util/rng';

void (async () => {
  await initBackend();
  const rng = new Rng(1);
  const net = buildNetwork(BN32X64, { rng: rng.fork(), runner: sharedPool()?.runner ?? null });
  const batch = (n: number): Float32Array => new Float32Array(n * 784).map(() => (rng.uniform() < 0.2 ? 2.8 * rng.uniform() : -0.42));
  for (let step = 0; step < 5; step++) {
    const labels = Int32Array.from({ length: 64 }, () => rng.int(10));
    net.gradients({ images: batch(64), targets: { kind: 'hard', labels }, scale: 1 / 64, rng });
    const probs = new Float32Array(448 * 10).fill(0.1);
    net.gradients({ images: batch(448), targets: { kind: 'soft', probs }, weights: new Float32Array(448).fill(0.5), scale: 1 / 448, rng, updateBuffers: false });
    net.logProbs(batch(1000));
  }
  net.dispose();
  await disposeSharedPool();
  console.log('done: 5 steps of bn32x64 with 64 labeled + 448 unlabeled images, and 1000-image inference');
})();
