/**
 * The final model: the batch-norm CNN `bn32x64` (src/nn/specs.ts) trained in three stages, three
 * runs per seed. None of its settings was tuned on the validation set: the optimizer is FixMatch's
 * published one (Nesterov 0.9, rate 0.03, weight decay 5·10⁻⁴, threshold 0.95; Sohn et al. 2020),
 * the views are the ones Section 4 measured as label-preserving, and the lengths are set by the
 * CPU budget (about 13 minutes a seed on two cores, estimated by src/experiments/run-cost.ts) before
 * any of these runs existed.
 *
 * 1. final-labeled: the 3,000 labels alone with weak augmentation, the reference the other two
 *    stages must beat.
 * 2. final-fixmatch (the teacher): the same network first trains on the labels alone (the warm
 *    start: α = 0 for the first epochs), then adds FixMatch's term: the live network in eval mode
 *    labels a weak view of each unlabeled image, and an image whose top probability reaches 0.95 is
 *    fitted to that label on a strong view. After the last epoch it labels all 57,000 unlabeled
 *    images with test-time augmentation (its own prediction averaged over the image and two weak
 *    views).
 * 3. final-student: a fresh network trained on all 60,000 training images, the 3,000 with their
 *    labels and the 57,000 with the teacher's, with weak augmentation. Its eval-mode train accuracy
 *    is measured on the 3,000 true labels.
 *
 * The true labels of the 57,000 are read only to log how many pseudo-labels are right.
 */
import type { AugmentConfig } from '../augment/pipeline';
import type { RunConfig } from './config';
import { STRONG_AUGMENT, WEAK_AUGMENT } from './views';

/** Small shifts and turns: the view pseudo-labels are read from, and the students' augmentation. */
export const FINAL_WEAK: AugmentConfig = WEAK_AUGMENT;

/**
 * FixMatch's strong view for digits: the starter rows' strong view (an affine jitter at the edge of
 * what Section 4 measured as label-preserving, and Simard's elastic distortion), then an 8×8 cutout.
 */
export const FINAL_STRONG: AugmentConfig = { ...STRONG_AUGMENT, cutout: { size: 8, probability: 1 } };

const BN32X64 = { arch: 'spec', spec: 'bn32x64' } as const;

const FINAL_COMMON = {
  model: BN32X64,
  optimizer: { kind: 'nesterov', lr: 0.03, momentum: 0.9 },
  lrSchedule: 'cosine',
  weightDecay: 5e-4,
  // Evaluate the average of the weights over the last ~100 steps (time constant 1/(1 − 0.99)).
  ema: { decay: 0.99, evaluate: true },
  batchSize: 64,
  labeledAugment: FINAL_WEAK,
  unlabeledPool: null,
  stopping: { kind: 'fixed-epochs' },
} as const;

export const FINAL_WARM_EPOCHS = 5;
export const FINAL_TEACHER_EPOCHS = 18;

export const FINAL_TEACHER: RunConfig = {
  ...FINAL_COMMON,
  name: 'final-fixmatch',
  title: 'bn32x64, warm start on the labels, then FixMatch (τ = 0.95, μ = 2, weak → strong + cutout)',
  epochs: FINAL_TEACHER_EPOCHS,
  unlabeled: {
    // μ = 2 unlabeled images per labeled one (FixMatch used 7): what the CPU budget allows.
    batchSize: 2 * 64,
    // Labels only for the warm-up epochs, then the unlabeled term at full weight within one epoch.
    alpha: { t1: FINAL_WARM_EPOCHS, t2: FINAL_WARM_EPOCHS + 1, alphaF: 1 },
    threshold: 0.95,
    weakAugment: FINAL_WEAK,
    strongAugment: FINAL_STRONG,
    teacher: 'model',
  },
  labelUnlabeled: { views: 2, augment: FINAL_WEAK, count: null },
};

export const FINAL_RUNS: readonly RunConfig[] = [
  { ...FINAL_COMMON, name: 'final-labeled', title: 'bn32x64, 3,000 labels only, weak augmentation', epochs: FINAL_TEACHER_EPOCHS, unlabeled: null },
  FINAL_TEACHER,
  {
    ...FINAL_COMMON,
    name: 'final-student',
    title: "bn32x64 student on 60,000 images: 3,000 labels + the teacher's labels for 57,000",
    epochs: 2,
    unlabeled: null,
    teacher: FINAL_TEACHER,
  },
];

/** Table order of the final model's stages. */
export const FINAL_PLAN: readonly string[] = Object.freeze(FINAL_RUNS.map((r) => r.name));

/** The ensemble behind predictions.csv, fixed before any of its runs existed: the majority vote of the students of every seed. */
export const PREDICTION_RUN = 'final-student';
