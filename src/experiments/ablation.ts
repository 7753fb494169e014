/**
 * Paired comparisons between configurations on the same 10,000 validation images, from the
 * predictions saved in each run record. Two pairings are reported:
 *  - per seed: seed i of A against seed i of B (same shuffling, dropout and augmentation streams);
 *  - majority vote: each config's seeds vote per image, then the two ensembles are compared.
 * A difference of means over three seeds says how big an effect is; McNemar's test on the same
 * images says whether one run pair's disagreement could be chance.
 */
import { decodePredictions, type RunRecord } from '../results/run-record';
import { mcnemar, type McNemarResult } from '../stats/mcnemar';

export interface Comparison {
  /** The reference configuration. */
  a: string;
  /** The configuration with the change. */
  b: string;
  /** What changes from a to b, for tables. */
  change: string;
}

/** The steps of the report's ablation, each changing one thing. */
export const SUPERVISED_COMPARISONS: readonly Comparison[] = Object.freeze([
  { a: 'starter-relu-logits', b: 'baseline', change: "remove the starter's ReLU on the logits" },
  { a: 'baseline', b: 'xavier', change: 'PyTorch default → Xavier initialization' },
  { a: 'xavier', b: 'xavier-augment', change: 'add data augmentation' },
]);

export interface PairedResult extends McNemarResult {
  /** The seed label ("3", or "vote" for the majority-vote ensembles). */
  pairing: string;
  /** Validation accuracies in percent. */
  accuracyA: number;
  accuracyB: number;
}

function accuracy(pred: Uint8Array, truth: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < truth.length; i++) if (pred[i] === truth[i]) right++;
  return (100 * right) / truth.length;
}

function predictionsOf(record: RunRecord, n: number): Uint8Array {
  const p = decodePredictions(record.validationPredictions);
  if (p.length !== n) {
    throw new Error(`ablation (src/experiments/ablation.ts): ${record.experiment} seed ${record.seed}: expected ${n} validation predictions, found ${p.length}`);
  }
  return p;
}

/**
 * Per image, the class most seeds predict. With three seeds a tie means all three disagree; ties
 * go to the lowest seed's prediction, so the vote is deterministic.
 */
export function majorityVote(predictions: readonly Uint8Array[], classes = 10): Uint8Array {
  if (predictions.length === 0) throw new Error('majorityVote (src/experiments/ablation.ts): expected at least one prediction vector');
  const n = predictions[0].length;
  const out = new Uint8Array(n);
  const counts = new Int32Array(classes);
  for (let i = 0; i < n; i++) {
    counts.fill(0);
    for (const p of predictions) counts[p[i]]++;
    let best = predictions[0][i];
    for (let k = 0; k < classes; k++) if (counts[k] > counts[best]) best = k;
    out[i] = best;
  }
  return out;
}

/**
 * McNemar for every seed both configs have, plus the majority-vote row when each has more than
 * one seed. Records are matched by seed number, not by position.
 */
export function pairedComparison(recordsA: readonly RunRecord[], recordsB: readonly RunRecord[], truth: ArrayLike<number>): PairedResult[] {
  const n = truth.length;
  const bySeedB = new Map(recordsB.map((r) => [r.seed, r]));
  const pairs = [...recordsA].sort((x, y) => x.seed - y.seed).filter((r) => bySeedB.has(r.seed));
  if (pairs.length === 0) {
    throw new Error(
      `pairedComparison (src/experiments/ablation.ts): no common seed between ${recordsA[0]?.experiment ?? 'A'} ` +
        `[${recordsA.map((r) => r.seed).join(', ')}] and ${recordsB[0]?.experiment ?? 'B'} [${recordsB.map((r) => r.seed).join(', ')}]`,
    );
  }
  const out: PairedResult[] = [];
  const predsA: Uint8Array[] = [];
  const predsB: Uint8Array[] = [];
  for (const ra of pairs) {
    const pa = predictionsOf(ra, n);
    const pb = predictionsOf(bySeedB.get(ra.seed)!, n);
    predsA.push(pa);
    predsB.push(pb);
    out.push({ pairing: String(ra.seed), accuracyA: accuracy(pa, truth), accuracyB: accuracy(pb, truth), ...mcnemar(pa, pb, truth) });
  }
  if (pairs.length > 1) {
    const va = majorityVote(predsA);
    const vb = majorityVote(predsB);
    out.push({ pairing: 'vote', accuracyA: accuracy(va, truth), accuracyB: accuracy(vb, truth), ...mcnemar(va, vb, truth) });
  }
  return out;
}
