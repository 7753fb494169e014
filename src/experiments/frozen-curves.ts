/**
 * The first epochs of a frozen run trained again with today's code, beside the record's own, so a
 * caller can check the engine still reproduces its curves bit for bit (scripts/check-frozen-curves.ts,
 * test/experiments/frozen-curves.test.ts).
 */
import { loadCourseSplit } from '../data/split';
import type { RunRecord } from '../results/run-record';
import type { SemiEpoch } from '../train/epoch-tally';
import type { Progress } from '../train/progress';
import type { EpochRecord } from '../train/records';
import { trainRunConfig } from './run';

/** The logged numbers of an epoch that a retrain must reproduce exactly (times are not among them). */
export const CURVE_FIELDS = ['trainLoss', 'trainAccuracy', 'evalTrainLoss', 'evalTrainAccuracy', 'validationLoss', 'validationAccuracy'] as const;

class Enough extends Error {}

/** Trains `record`'s config and seed on the course split again, stopping after `epochs` epochs; their records and semi logs. */
export function retrainFirstEpochs(record: RunRecord, epochs: number, progress: Progress): { record: EpochRecord; semi: SemiEpoch }[] {
  const split = loadCourseSplit();
  const got: { record: EpochRecord; semi: SemiEpoch }[] = [];
  try {
    trainRunConfig(record.config, { labeled: split.labeled, validation: split.validation, unlabeled: split.unlabeled }, record.seed, {
      progress,
      onEpoch: (r, s) => {
        got.push({ record: r, semi: s });
        if (got.length === epochs) throw new Enough();
      },
    });
  } catch (err) {
    if (!(err instanceof Enough)) throw err;
  }
  return got;
}
