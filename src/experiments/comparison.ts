/**
 * Two configurations compared the way the report calls a difference real: paired by seed (seed i of
 * A and seed i of B share their initial-weight stream, batches and masks up to what the configs
 * change), with a paired t-test and an exact sign-flip test across seeds, and McNemar's test per
 * seed pair beside them. McNemar sees only two particular networks on the same 10,000 images; the
 * across-seed tests see the seed-to-seed spread a real difference has to beat.
 */
import { decodePredictions, type RunRecord } from '../results/run-record';
import { pairedComparison, type PairedComparison } from '../stats/across-seeds';
import { mcnemar } from '../stats/mcnemar';

/** The level at which the report calls a difference real (two-sided). */
export const SIGNIFICANCE = 0.05;

export interface ConfigComparison {
  /** The reference and the configuration compared with it. */
  a: string;
  b: string;
  seeds: number[];
  /** Accuracy differences b − a in percentage points, per seed and as a t interval. */
  paired: PairedComparison;
  /** McNemar's two-sided p for each seed's pair of networks, in seed order. */
  mcnemarP: number[];
  /** The paired t-test supports the difference at SIGNIFICANCE. */
  real: boolean;
}

/** Records of A and B with the same seeds, paired by seed; validation labels for McNemar. */
export function compareConfigs(a: readonly RunRecord[], b: readonly RunRecord[], truth: ArrayLike<number>): ConfigComparison {
  const bySeed = (rs: readonly RunRecord[]) => new Map(rs.map((r) => [r.seed, r]));
  const mapA = bySeed(a);
  const mapB = bySeed(b);
  const seeds = [...mapA.keys()].filter((s) => mapB.has(s)).sort((x, y) => x - y);
  const nameA = a[0]?.experiment ?? '?';
  const nameB = b[0]?.experiment ?? '?';
  if (seeds.length !== mapA.size || seeds.length !== mapB.size) {
    throw new Error(`compareConfigs: ${nameA} and ${nameB} must have the same seeds, found [${[...mapA.keys()].join(', ')}] and [${[...mapB.keys()].join(', ')}]`);
  }
  const pct = (m: Map<number, RunRecord>) => seeds.map((s) => 100 * m.get(s)!.final.validationAccuracy);
  const paired = pairedComparison(pct(mapA), pct(mapB));
  const mcnemarP = seeds.map((s) => mcnemar(decodePredictions(mapA.get(s)!.validationPredictions), decodePredictions(mapB.get(s)!.validationPredictions), truth).pValue);
  return { a: nameA, b: nameB, seeds, paired, mcnemarP, real: paired.tTestP < SIGNIFICANCE };
}
