/**
 * The final model: the batch-norm CNN `bn32x64` (src/nn/specs.ts) trained in three stages, five
 * seeds each (FINAL_SEEDS). None of its settings was tuned on the validation set: the optimizer is FixMatch's
 * published one (Nesterov 0.9, rate 0.03, weight decay 5·10⁻⁴, threshold 0.95, μ = 7; Sohn et al.
 * 2020; its EMA decay 0.999 is not used: the teacher's run is a few hundred steps, so the average is
 * taken over about the last hundred, 0.99), the views are the weak and strong views of the starter
 * rows, and the lengths are set by the CPU budget (the full profile within two hours on 2 cores):
 * first before any of these runs existed (8 teacher and 3 student epochs, on the slower two-pass
 * FixMatch step), then raised once the one-pass step had made an epoch cheaper (FINAL_TEACHER_EPOCHS).
 *
 * 1. final-labeled: the 3,000 labels alone with weak augmentation: the reference the other two
 *    stages must beat, and the teacher's starting point (it keeps its final weights).
 * 2. final-fixmatch (the teacher): starts from final-labeled's final weights of the same seed and
 *    adds FixMatch's term at full weight: the live network in eval mode labels a weak view of each
 *    unlabeled image, and an image whose top probability reaches 0.95 is fitted to that label on a
 *    strong view. After the last epoch it gives all 57,000 unlabeled images its class probabilities
 *    with test-time augmentation (averaged over the image and two weak views).
 * 3. final-student: a fresh network trained on all 60,000 training images: the 3,000 with their
 *    labels, the 57,000 with the mean of the probabilities of the teachers of all seeds (soft
 *    labels), with weak augmentation. Its eval-mode train accuracy is measured on the 3,000 true labels.
 *
 * The true labels of the 57,000 are read only to score the pseudo-labels and the ensemble's labels.
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

/** Epochs of the labels-only run, which is also where the teacher starts. */
export const FINAL_LABELED_EPOCHS = 18;
/**
 * Epochs of the teacher: with μ = 7 an epoch of 47 labeled batches draws 21,056 unlabeled images,
 * so 16 epochs are 336,896 unlabeled views, about six passes over the 57,000. With the student's 10
 * epochs this is what the budget allows: on a 2-core Zen 4, a full profile with 8 and 3 epochs took an
 * hour, of which the teachers 10.5 minutes and the students 8, and 16 and 10 were estimated to add
 * about 35 minutes; on a 2-core Zen 5 (family 26) a teacher of 16 epochs takes 5.6 minutes and a
 * student of 10 about 7, and the profile without the ablation 95 minutes. The first full run of this code used 8 and
 * 3 (three passes, as before the one-pass step): the budget, not that run's validation accuracy, set
 * the new lengths.
 */
export const FINAL_TEACHER_EPOCHS = 16;
/**
 * Epochs of the student: passes over all 60,000 training images; 10, the length at which the same
 * network, trained in PyTorch on all 60,000 true labels with mild augmentation, reaches 99.5 % (issue 19).
 */
export const FINAL_STUDENT_EPOCHS = 10;
/** FixMatch's ratio of unlabeled to labeled images per step (Sohn et al. 2020). */
export const FINAL_MU = 7;
/** The seeds whose teachers label the 57,000 together: the full profile's (plan.ts narrows them for quick). */
export const FINAL_TEACHER_SEEDS: readonly number[] = Object.freeze([1, 2, 3]);
/**
 * The seeds of every stage in the full profile. Three at first; with three, the student's gain over
 * labels only came out at paired-t p = 0.052 (+0.23 to +0.56 points on every seed), too few seeds to
 * call it, so two more were added to each stage. They were added after that test was seen, and the
 * report says so beside both tests. The students of seeds 4 and 5 learn from the same three
 * teachers' labels as the first three students (FINAL_TEACHER_SEEDS, unchanged).
 */
export const FINAL_SEEDS: readonly number[] = Object.freeze([1, 2, 3, 4, 5]);

/** Labels only: the reference the other stages must beat, and the teacher's starting point. */
export const FINAL_LABELED: RunConfig = {
  ...FINAL_COMMON,
  name: 'final-labeled',
  title: 'bn32x64, 3,000 labels only, weak augmentation',
  epochs: FINAL_LABELED_EPOCHS,
  unlabeled: null,
  keepFinalState: true,
};

export const FINAL_TEACHER: RunConfig = {
  ...FINAL_COMMON,
  name: 'final-fixmatch',
  title: `bn32x64 from the labels-only network, then FixMatch (τ = 0.95, μ = ${FINAL_MU}, weak → strong + cutout)`,
  epochs: FINAL_TEACHER_EPOCHS,
  start: FINAL_LABELED,
  unlabeled: {
    batchSize: FINAL_MU * 64,
    // The start has converged on the labels, so the unlabeled term has full weight from the first step.
    alpha: { t1: -1, t2: 0, alphaF: 1 },
    threshold: 0.95,
    weakAugment: FINAL_WEAK,
    strongAugment: FINAL_STRONG,
    teacher: 'model',
  },
  labelUnlabeled: { views: 2, augment: FINAL_WEAK, count: null },
};

export const FINAL_STUDENT: RunConfig = {
  ...FINAL_COMMON,
  name: 'final-student',
  title: "bn32x64 student on 60,000 images: 3,000 labels + the teachers' averaged soft labels for 57,000",
  epochs: FINAL_STUDENT_EPOCHS,
  unlabeled: null,
  teacher: FINAL_TEACHER,
  teacherSeeds: FINAL_TEACHER_SEEDS,
};

export const FINAL_RUNS: readonly RunConfig[] = [FINAL_LABELED, FINAL_TEACHER, FINAL_STUDENT];

/** Table order of the final model's stages. */
export const FINAL_PLAN: readonly string[] = Object.freeze(FINAL_RUNS.map((r) => r.name));

/** The ensemble behind predictions.csv, fixed before any of its runs existed: the majority vote of the students of every seed. */
export const PREDICTION_RUN = 'final-student';
