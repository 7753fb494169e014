import type { Dataset } from '../data/split';
import { type Classifier, evaluate } from './evaluate';
import type { EpochRecord } from './records';

/** What a training pass over the labeled images measured as it went (train mode). */
export interface TrainPass {
  epoch: number;
  /** Sum over the labeled images of −log p(label), and how many the train-mode network got right. */
  lossSum: number;
  correct: number;
  /** Labeled images the pass trained on. */
  count: number;
  /** performance.now() when the epoch started, and the seconds its training pass took. */
  started: number;
  trainSeconds: number;
}

/**
 * The end of every epoch, for supervised and semi-supervised training alike: evaluate in eval mode on
 * the (unaugmented) training images and on validation, and record the epoch. Returns the validation
 * predictions too, which the last epoch keeps for paired significance tests.
 */
export function closeEpoch(model: Classifier, train: Dataset, validation: Dataset, pass: TrainPass): { record: EpochRecord; validationPredictions: Uint8Array } {
  const evalTrain = evaluate(model, train);
  const evalValidation = evaluate(model, validation);
  const record: EpochRecord = {
    epoch: pass.epoch,
    trainLoss: pass.lossSum / pass.count,
    trainAccuracy: pass.correct / pass.count,
    evalTrainLoss: evalTrain.loss,
    evalTrainAccuracy: evalTrain.accuracy,
    validationLoss: evalValidation.loss,
    validationAccuracy: evalValidation.accuracy,
    trainSeconds: pass.trainSeconds,
    seconds: (performance.now() - pass.started) / 1000,
  };
  return { record, validationPredictions: evalValidation.predictions };
}
