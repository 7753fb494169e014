import type { PseudoLabelTargets } from '../semi/pseudo-label';

/** What happened to the unlabeled images during one epoch. Fractions in [0, 1]. */
export interface SemiEpoch {
  epoch: number;
  /** α at the last step of the epoch, and its mean over the epoch's steps. */
  alpha: number;
  alphaMean: number;
  /** The learning-rate schedule's factor at the last step of the epoch. */
  lrFactor: number;
  unlabeledSeen: number;
  /** Pseudo-labels (arg-max, eval mode) that equal the hidden true label, over all images seen. */
  pseudoLabelAccuracy: number;
  /** The mask rate: share of pseudo-labels whose confidence passed the threshold (1 when it is 0). */
  acceptedFraction: number;
  /** Accuracy among the accepted pseudo-labels; null if none was accepted. */
  acceptedAccuracy: number | null;
  /** Mean over the steps that had an unlabeled term of (1/nU) Σ m_i · CE on the student view, before α. */
  unlabeledLoss: number;
}

/**
 * The running sums of one epoch, in one object: the labeled loss and hits (train mode), and how the
 * pseudo-labels fared against the true labels of the unlabeled images, which are read for this
 * diagnostic only and never reach the loss.
 */
export class EpochTally {
  lossSum = 0;
  correct = 0;
  private steps = 0;
  private alphaSum = 0;
  private alpha = 0;
  private factor = 1;
  private seen = 0;
  private pseudoCorrect = 0;
  private accepted = 0;
  private acceptedCorrect = 0;
  private unlabeledLossSum = 0;
  private unlabeledSteps = 0;

  step(alpha: number, factor: number, lossSum: number, correct: number): void {
    this.steps++;
    this.alpha = alpha;
    this.alphaSum += alpha;
    this.factor = factor;
    this.lossSum += lossSum;
    this.correct += correct;
  }

  pseudoLabels(targets: PseudoLabelTargets, trueLabels: ArrayLike<number>): void {
    for (let i = 0; i < targets.labels.length; i++) {
      const right = targets.labels[i] === trueLabels[i] ? 1 : 0;
      this.pseudoCorrect += right;
      this.accepted += targets.mask[i];
      this.acceptedCorrect += targets.mask[i] * right;
    }
    this.seen += targets.labels.length;
  }

  unlabeledLoss(meanMaskedLoss: number): void {
    this.unlabeledLossSum += meanMaskedLoss;
    this.unlabeledSteps++;
  }

  semiEpoch(epoch: number): SemiEpoch {
    const { seen, accepted } = this;
    return {
      epoch,
      alpha: this.alpha,
      alphaMean: this.steps > 0 ? this.alphaSum / this.steps : 0,
      lrFactor: this.factor,
      unlabeledSeen: seen,
      pseudoLabelAccuracy: seen > 0 ? this.pseudoCorrect / seen : 0,
      acceptedFraction: seen > 0 ? accepted / seen : 0,
      acceptedAccuracy: accepted > 0 ? this.acceptedCorrect / accepted : null,
      unlabeledLoss: this.unlabeledSteps > 0 ? this.unlabeledLossSum / this.unlabeledSteps : 0,
    };
  }
}
