/** One epoch of a run's curves. Accuracies are fractions in [0, 1]. */
export interface EpochRecord {
  epoch: number;
  /** Train mode: dropout on, augmented images if the config augments. */
  trainLoss: number;
  trainAccuracy: number;
  /** Eval mode on the unaugmented training images: the seed's "shown in blue" curve. */
  evalTrainLoss: number;
  evalTrainAccuracy: number;
  validationLoss: number;
  validationAccuracy: number;
  /** Seconds of the training pass alone, and of the whole epoch including both evaluations. */
  trainSeconds: number;
  seconds: number;
}
