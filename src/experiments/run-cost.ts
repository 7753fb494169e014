import type { RunConfig } from './config';

/**
 * A run's training cost in units of one starter-CNN training image, for weighing runs in the
 * profile's ETA: runs differ a hundredfold (a 2-epoch selection run against a student on 60,000
 * images), so a mean over runs would say little. Per-image factors are this machine's measured
 * throughputs relative to the starter's (bench: starter ~5,700, bn32x64 ~630 img/s training;
 * inference about a quarter of a training pass); only their ratios matter.
 */
export function runCost(config: RunConfig, unlabeledCount = 57000): number {
  const perImage = config.model.arch === 'spec' && config.model.spec === 'bn32x64' ? 9 : 1;
  const labeled = config.teacher ? 3000 + (config.teacher.labelUnlabeled?.count ?? unlabeledCount) : 3000;
  const steps = Math.ceil(labeled / config.batchSize) * config.epochs;
  const unlabeled = config.unlabeled ? config.unlabeled.batchSize : 0;
  // The unlabeled batch: one eval-mode pass to label it, one training pass on the images kept.
  const train = steps * (config.batchSize + unlabeled * 1.25);
  // Every epoch evaluates the 10,000 validation images and up to 3,000 training images.
  const evaluate = (config.epochs * 13000) / 4;
  const label = config.labelUnlabeled ? ((config.labelUnlabeled.views + 1) * (config.labelUnlabeled.count ?? unlabeledCount)) / 4 : 0;
  return perImage * (train + evaluate + label);
}
