/**
 * The FixMatch step of ../shared/bench/peer_pytorch.py (STEP fixmatch), driven through the
 * library's own trainer (src/train/train-step.ts, unlabeled-term.ts, src/augment/), so the figure
 * is what a FixMatch run spends, not a bench-only copy of it. Each step: 64 labeled images (weak
 * view) and 448 unlabeled (μ = 7); the weak view of the unlabeled labelled in eval mode without
 * gradients; the strong view trained with the labeled batch; augmentation timed.
 *
 * Where the library's step differs from the peer's (changing it is a hashed change, see the report):
 * - The affine augmenter has rotation, zoom, stretch and shift but no shear, so the strong view is
 *   rotation 20°, zoom ±0.15, shift 3 px in one bilinear resample, then a 10×10 cutout on every
 *   image; the per-image cost (one resample) is the same.
 * - Labeled and accepted unlabeled images go through two train-mode passes (batch norm statistics
 *   per pass), and only images whose confidence passes the threshold are passed at all. The peer
 *   trains all 448 strong images whatever the mask (the mask only weighs their loss), so its work
 *   does not depend on the threshold, while ours does: at the peer's 0.95 a network after one
 *   warm-up epoch of 20 steps accepted none (measured), which would time the step without its
 *   strong pass. So the bench sets the threshold to 0: every strong image is trained, the peer's
 *   work. The JSON line reports the accepted share (1 here) so a change to this shows.
 */
import type { AugmentConfig } from '../augment/pipeline';
import { subset, type Dataset, type loadCourseSplit } from '../data/split';
import { getRunConfig } from '../experiments/registry';
import { trainRunConfig } from '../experiments/run';
import type { RunConfig } from '../experiments/config';
import { makeProgress } from '../train/progress';

/** The peer's batch, μ and steps per timed pass. */
const LABELED_BATCH = 64;
const MU = 7;
const STEPS_PER_EPOCH = 20;

/** Every pseudo-label accepted, so the strong pass trains all 448 images as the peer's does (see above). */
const PEER_WORK_THRESHOLD = 0;

const WEAK: AugmentConfig = { rotationDeg: 0, translatePx: 2, zoom: [1, 1], stretch: [1, 1] };
const STRONG: AugmentConfig = { rotationDeg: 20, translatePx: 3, zoom: [0.85, 1.15], stretch: [1, 1], cutout: { size: 10, probability: 1 } };

/** The baseline's optimizer (the peer's SGD, Nesterov 0.5, lr 0.01) with the peer's FixMatch term, α = 1 from the first step. */
function fixMatchConfig(spec: string, epochs: number): RunConfig {
  return {
    ...getRunConfig('baseline'),
    model: { arch: 'spec', spec },
    epochs,
    unlabeled: { batchSize: LABELED_BATCH * MU, alpha: { t1: -1, t2: 0, alphaF: 1 }, threshold: PEER_WORK_THRESHOLD, weakAugment: WEAK, strongAugment: STRONG },
    unlabeledPool: null,
  };
}

export interface FixMatchFigures {
  /** Unlabeled images per second of each timed epoch (20 steps of 448). */
  unlabeled: number[];
  /** Share of pseudo-labels that passed the threshold in each timed epoch. */
  accepted: number[];
}

function firstN(ds: Dataset, n: number, name: string): Dataset {
  return subset(ds, Array.from({ length: n }, (_, i) => i), name);
}

/** One warm-up epoch, then `timedEpochs` epochs of the peer's 20 steps each. */
export function benchFixMatch(spec: string, timedEpochs: number, split: ReturnType<typeof loadCourseSplit>): FixMatchFigures {
  const labeled = firstN(split.labeled, LABELED_BATCH * STEPS_PER_EPOCH, 'labeled-1280');
  const validation = firstN(split.validation, 100, 'validation-100');
  const outcome = trainRunConfig(fixMatchConfig(spec, 1 + timedEpochs), { labeled, validation, unlabeled: split.unlabeled }, 1, {
    progress: makeProgress(process.stderr, true),
  });
  const perEpoch = STEPS_PER_EPOCH * LABELED_BATCH * MU;
  return {
    unlabeled: outcome.epochs.slice(1).map((e) => perEpoch / e.trainSeconds),
    accepted: outcome.semi.slice(1).map((s) => s.acceptedFraction),
  };
}
