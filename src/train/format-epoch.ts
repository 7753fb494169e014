import type { SemiEpoch } from './epoch-tally';
import type { EpochRecord } from './records';

/** One durable progress line per epoch; the pseudo-label part only when the run has an unlabeled term. */
export function formatEpoch(name: string, total: number, r: EpochRecord, semi: SemiEpoch | null = null): string {
  const pct = (v: number): string => (100 * v).toFixed(2);
  const line =
    `${name} epoch ${r.epoch}/${total}: train loss ${r.trainLoss.toFixed(4)} acc ${pct(r.trainAccuracy)}% ` +
    `(eval mode ${pct(r.evalTrainAccuracy)}%) | validation loss ${r.validationLoss.toFixed(4)} acc ${pct(r.validationAccuracy)}% | ${r.seconds.toFixed(1)} s`;
  if (!semi) return line;
  return `${line} | α ${semi.alpha.toFixed(2)} pseudo-label acc ${pct(semi.pseudoLabelAccuracy)}% mask rate ${(100 * semi.acceptedFraction).toFixed(1)}%`;
}
