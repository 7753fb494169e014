// The speed limit of the engine on this machine (issue 10): XNNPACK's one-thread convolution
// GFLOP/s on bn32x64's conv2 forward shape, and the img/s that would give bn32x64's ~22 MFLOP
// training image on 1 and 2 threads if every flop ran at that rate.   npx tsx scripts/conv-limit.ts
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend/select';

void (async () => {
  await initBackend('wasm');
  const x = tf.randomNormal([64, 12, 12, 32]) as tf.Tensor4D;
  const w = tf.randomNormal([5, 5, 32, 64]) as tf.Tensor4D;
  const flops = 2 * 64 * 8 * 8 * 64 * 5 * 5 * 32;
  // Training flops per image: forward, filter and input gradients of conv2, forward and filter
  // gradient of conv1 (no input gradient), and fc 1024→128→10 three times.
  const perImage = (3 * 8 * 8 * 64 * 800 * 2) + (2 * 24 * 24 * 32 * 25 * 2) + 3 * 2 * (1024 * 128 + 128 * 10);
  const rates: number[] = [];
  for (let r = 0; r < 15; r++) {
    const t = performance.now();
    for (let i = 0; i < 5; i++) tf.conv2d(x, w, 1, 'valid').dispose();
    rates.push((5 * flops) / ((performance.now() - t) / 1000) / 1e9);
  }
  rates.sort((a, b) => a - b);
  const best = rates[rates.length - 1], med = rates[7];
  console.log(`XNNPACK conv, one thread: best ${best.toFixed(1)} GFLOP/s, median ${med.toFixed(1)} GFLOP/s over 15 rounds`);
  console.log(`bn32x64 training: ${(perImage / 1e6).toFixed(1)} MFLOP per image -> limit ${(best * 1e9 / perImage).toFixed(0)} img/s on one thread, ${(2 * best * 1e9 / perImage).toFixed(0)} on two (from the best round)`);
})();
