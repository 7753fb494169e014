/**
 * The bench's engine path: a spec network (src/nn) trained with the peer's optimizer (SGD with
 * Nesterov momentum 0.5, lr 0.01, batch 64) on the labeled images, then inference on the validation
 * images, with the shared worker pool. Same workload as ../shared/bench/peer_pytorch.py.
 */
import type { Dataset } from '../data/split';
import { HostOptimizer } from '../optim/host-optimizer';
import { buildNetwork } from '../nn/build';
import type { ModelSpec } from '../nn/spec';
import { sharedPool } from '../parallel/pool';
import { Rng } from '../util/rng';

export interface EngineBench {
  /** Images per second in each timed epoch, and at inference in each pass. */
  trainPerEpoch: number[];
  inferPerPass: number[];
}

export function benchEngine(spec: ModelSpec, train: Dataset, validation: Dataset, timedEpochs: number, batch = 64): EngineBench {
  const rng = new Rng(1);
  const net = buildNetwork(spec, { rng: rng.fork(), runner: sharedPool()?.runner ?? null });
  const opt = new HostOptimizer({ kind: 'nesterov', lr: 0.01, momentum: 0.5 }, net.parameters.map((p) => p.length));
  const shuffle = rng.fork(), dropout = rng.fork();
  const images = new Float32Array(batch * 784);
  const trainPerEpoch: number[] = [];
  try {
    for (let epoch = 0; epoch <= timedEpochs; epoch++) {
      const t0 = performance.now();
      const order = shuffle.permutation(train.count);
      for (let s = 0; s < train.count; s += batch) {
        const n = Math.min(batch, train.count - s);
        const labels = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          images.set(train.images.subarray(order[s + i] * 784, (order[s + i] + 1) * 784), i * 784);
          labels[i] = train.labels[order[s + i]];
        }
        const g = net.gradients({ images: images.subarray(0, n * 784), targets: { kind: 'hard', labels }, scale: 1 / n, rng: dropout });
        opt.step(net.parameters, g.grads);
        net.parametersChanged();
      }
      if (epoch > 0) trainPerEpoch.push(train.count / ((performance.now() - t0) / 1000));
    }
    const inferPerPass: number[] = [];
    const val = validation.images.subarray(0, validation.count * 784);
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      net.logProbs(val);
      inferPerPass.push(validation.count / ((performance.now() - t0) / 1000));
    }
    return { trainPerEpoch, inferPerPass };
  } finally {
    net.dispose();
  }
}
