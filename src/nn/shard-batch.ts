/**
 * A batch as the fixed shards of src/parallel/shards.ts, and the shards' results combined in shard
 * order, so the numbers never depend on how many threads computed the shards.
 *
 * Batch norm uses per-shard ("ghost") statistics: each shard normalizes with its own mean and
 * variance, as if it were a batch of its own. The running estimates are then updated once per
 * step, from the shards' means and unbiased variances averaged in shard order (with one shard,
 * exactly PyTorch's update: running ← 0.9·running + 0.1·batch statistic).
 */
import { addGradientArrays, shardBounds } from '../parallel/shards';
import { BN_MOMENTUM } from './layers/batch-norm';
import type { Targets } from './network';
import type { ShardRequest, ShardResult } from './sequential';

/** Rows [a, b) of targets. */
function sliceTargets(t: Targets, a: number, b: number, classes: number): Targets {
  return t.kind === 'hard' ? { kind: 'hard', labels: t.labels.subarray(a, b) } : { kind: 'soft', probs: t.probs.subarray(a * classes, b * classes) };
}

export interface WholeBatch {
  images: Float32Array;
  targets: Targets;
  weights: Float32Array | null;
  scale: number;
  masks: (Float32Array | null)[];
  /** Values per image, classes, and each layer's mask values per image. */
  imageSize: number;
  classes: number;
  maskSizes: readonly number[];
}

export function splitBatch(batch: WholeBatch, n: number): ShardRequest[] {
  const bounds = shardBounds(n);
  return bounds.slice(0, -1).map((a, p) => {
    const b = bounds[p + 1];
    return {
      images: batch.images.subarray(a * batch.imageSize, b * batch.imageSize),
      targets: sliceTargets(batch.targets, a, b, batch.classes),
      weights: batch.weights === null ? null : batch.weights.subarray(a, b),
      scale: batch.scale,
      masks: batch.masks.map((m, i) => (m === null ? null : m.subarray(a * batch.maskSizes[i], b * batch.maskSizes[i]))),
    };
  });
}

/** Adds the shards' gradients, losses and counts in shard order (into the first shard's arrays); joins their rows. */
export function combineShards(parts: ShardResult[]): ShardResult {
  const total = parts[0];
  for (const part of parts.slice(1)) {
    addGradientArrays(total.grads, part.grads);
    total.lossSum += part.lossSum;
    total.correct += part.correct;
  }
  total.rowLoss = joinRows(parts.map((p) => p.rowLoss), Float32Array);
  total.rowCorrect = joinRows(parts.map((p) => p.rowCorrect), Uint8Array);
  return total;
}

function joinRows<T extends Float32Array | Uint8Array>(parts: T[], Kind: new (n: number) => T): T {
  if (parts.length === 1) return parts[0];
  const out = new Kind(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** running ← (1 − 0.1)·running + 0.1·(shard statistics averaged in shard order), in float32. */
export function updateRunningStats(buffers: Float32Array[], parts: readonly ShardResult[]): void {
  const count = parts[0].stats.length;
  if (count !== buffers.length) throw new Error(`batch norm: ${count} statistics for ${buffers.length} running buffers`);
  const f = Math.fround;
  for (let s = 0; s < count; s++) {
    const running = buffers[s];
    for (let k = 0; k < running.length; k++) {
      let avg = 0;
      for (const part of parts) avg += part.stats[s][k];
      avg /= parts.length;
      running[k] = f(f((1 - BN_MOMENTUM) * running[k]) + f(BN_MOMENTUM * avg));
    }
  }
}
