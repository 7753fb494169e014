import * as tf from '@tensorflow/tfjs';
import { augmentBatch } from '../augment/pipeline';
import type { Dataset } from '../data/split';
import { nllLoss, weightedCrossEntropy } from '../models/loss';
import { HostParameters } from '../models/host-parameters';
import { StarterCnn } from '../models/starter-cnn';
import { drawDropoutMasks } from '../models/starter-cnn-step';
import { batchGradients } from '../parallel/batch-gradients';
import { addGradientArrays } from '../parallel/shards';
import { makeTfOptimizer } from '../optim/tf-optimizer';
import { gatherBatch } from '../train/batches';
import { DivergenceGuard } from '../train/divergence';
import { closeEpoch } from '../train/close-epoch';
import { trainingStreams } from '../train/random-streams';
import { makeProgress, type Progress } from '../train/progress';
import { RunResources } from '../train/run-resources';
import type { EpochRecord } from '../train/records';
import { BACKGROUND, formatEpoch } from '../train/train-supervised';
import { Rng } from '../util/rng';
import { makeAlphaSchedule } from './alpha-schedule';
import { buildModel, lrFactor, validateSemiConfig, type SemiConfig, type SemiModel } from './config';
import { oneHot, pseudoLabelTargets } from './pseudo-label';
import { samplePool, UnlabeledStream } from './unlabeled-stream';

export interface SemiData {
  labeled: Dataset;
  /** Labels are present but never reach the loss: they only measure how good the pseudo-labels are. */
  unlabeled: Dataset;
  validation: Dataset;
}

/** What happened to the unlabeled images during one epoch. Fractions in [0, 1]. */
export interface SemiEpoch {
  epoch: number;
  /** α at the end of the epoch, and its mean over the epoch's steps. */
  alpha: number;
  alphaMean: number;
  lrFactor: number;
  unlabeledSeen: number;
  /** Pseudo-labels (argmax, eval mode) that equal the hidden true label, over all images seen. */
  pseudoLabelAccuracy: number;
  /** Share of pseudo-labels whose confidence passed the threshold (1 when the threshold is 0). */
  acceptedFraction: number;
  /** Accuracy among the accepted pseudo-labels; null if none was accepted. */
  acceptedAccuracy: number | null;
  /** Mean of mask · CE on the student view, before multiplying by α. */
  unlabeledLoss: number;
}

export interface SemiOutcome {
  epochs: EpochRecord[];
  semi: SemiEpoch[];
  model: SemiModel;
  validationPredictions: Uint8Array;
}

export interface SemiTrainOptions {
  progress?: Progress;
  /**
   * Force tfjs autodiff and tf.train optimizers. By default the starter CNN uses the hand-written
   * backward pass and host-side update of src/models/starter-cnn-step.ts (same maths, fewer kernel
   * calls); other models always use autodiff.
   */
  autodiff?: boolean;
  onEpoch?: (record: EpochRecord, semi: SemiEpoch) => void;
}

const K = 10;

/**
 * Pseudo-label training (Lee 2013) and its FixMatch-style variant (Sohn et al. 2020) in one loop:
 *
 *   loss = CE(labeled batch) + α(t) · mean_i m_i · CE(student view of u_i, ŷ_i)
 *
 * with ŷ_i = argmax of the model's eval-mode prediction on the weak view of u_i and
 * m_i = [max prob ≥ threshold]. Lee: no augmentation, threshold 0, α ramped from 0 to 3.
 * FixMatch: weak = mild affine, student = strong affine + elastic, threshold 0.95.
 *
 * Pseudo-labels come from a separate forward pass with dropout off: the target should be the
 * network's best current guess, not a guess perturbed by a dropout mask that the student pass
 * then draws again independently. No gradient flows through the targets (argmax is constant).
 */
export function trainPseudoLabel(config: SemiConfig, data: SemiData, seed: number, options: SemiTrainOptions = {}): SemiOutcome {
  validateSemiConfig(config);
  const progress = options.progress ?? makeProgress();
  const { root, init: initRng, shuffle: shuffleRng, augment: augmentRng, dropout: dropoutRng } = trainingStreams(seed);
  const poolRng = root.fork();
  const streamRng = root.fork();
  const weakRng = root.fork();
  const strongRng = root.fork();

  const { labeled, unlabeled, validation } = data;
  // Released on every exit path but a normal return, which hands the model to the caller.
  const run = new RunResources();
  let handedOver: SemiModel | undefined;
  const model = run.own(buildModel(config.model, initRng));
  const fast = !options.autodiff && model instanceof StarterCnn && labeled.height === 28 && labeled.width === 28;
  const optimizer = fast ? null : run.own(makeTfOptimizer(config.optimizer));
  const params = fast ? new HostParameters(model.variables, config.optimizer) : null;
  const guard = new DivergenceGuard(config.name);
  const u = config.unlabeled;
  const alphaAt = u ? makeAlphaSchedule(u.alpha) : () => 0;
  const stream = u ? new UnlabeledStream(samplePool(unlabeled.count, config.unlabeledPool, poolRng), streamRng) : null;
  const B = config.batchSize;
  const steps = Math.ceil(labeled.count / B);
  const epochs: EpochRecord[] = [];
  const semi: SemiEpoch[] = [];

  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const started = performance.now();
      const order = shuffleRng.permutation(labeled.count);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      let plCorrect = 0;
      let accepted = 0;
      let acceptedCorrect = 0;
      let uLossSum = 0;
      let uLossSteps = 0;
      let alphaSum = 0;
      let alpha = 0;
      let factor = 1;
      for (let s = 0; s < steps; s++) {
        const start = s * B;
        const end = Math.min(labeled.count, start + B);
        const nL = end - start;
        const t = epoch - 1 + s / steps;
        alpha = alphaAt(t);
        alphaSum += alpha;
        factor = lrFactor(config.lrSchedule, t, config.epochs);
        const batch = gatherBatch(labeled, order, start, end);
        const xL = config.labeledAugment
          ? augmentBatch(batch.images, nL, labeled.height, labeled.width, config.labeledAugment, augmentRng, BACKGROUND)
          : batch.images;

        let student: Float32Array | null = null;
        let pseudo: Int32Array | null = null;
        let mask: Float32Array | null = null;
        let nU = 0;
        if (u && stream) {
          nU = u.batchSize;
          const idx = stream.next(nU);
          const raw = gatherBatch(unlabeled, idx, 0, nU);
          const weak = u.weakAugment ? augmentBatch(raw.images, nU, unlabeled.height, unlabeled.width, u.weakAugment, weakRng, BACKGROUND) : raw.images;
          const probs = tf.tidy(() => tf.exp(model.logProbs(tf.tensor4d(weak, [nU, unlabeled.height, unlabeled.width, 1]))).dataSync() as Float32Array);
          const pl = pseudoLabelTargets(probs, nU, K, u.threshold);
          for (let i = 0; i < nU; i++) {
            const right = pl.labels[i] === raw.labels[i] ? 1 : 0;
            plCorrect += right;
            accepted += pl.mask[i];
            acceptedCorrect += pl.mask[i] * right;
          }
          seen += nU;
          // Before T1 the unlabeled term has weight 0; skipping its forward/backward changes nothing but time.
          if (alpha > 0) {
            student = u.strongAugment ? augmentBatch(raw.images, nU, unlabeled.height, unlabeled.width, u.strongAugment, strongRng, BACKGROUND) : weak;
            pseudo = pl.labels;
            mask = pl.mask;
          }
        }

        const step = fast
          ? fastStep(model as StarterCnn, params!, xL, batch.labels, student, pseudo, mask, nU, alpha, factor, dropoutRng)
          : autodiffStep(model, optimizer!, xL, batch.labels, student, pseudo, mask, nU, alpha, factor, dropoutRng, labeled.height, labeled.width);
        const { lossL, lossU, hits } = step;
        guard.check(lossL + alpha * lossU, epoch, s);
        lossSum += lossL * nL;
        correct += hits;
        if (student) {
          uLossSum += lossU;
          uLossSteps++;
        }
        progress.tick(end, labeled.count, `${config.name} epoch ${epoch}/${config.epochs}`);
      }
      const trainSeconds = (performance.now() - started) / 1000;
      const { record, validationPredictions } = closeEpoch(model, labeled, validation, { epoch, lossSum, correct, started, trainSeconds });
      const semiRecord: SemiEpoch = {
        epoch,
        alpha,
        alphaMean: alphaSum / steps,
        lrFactor: factor,
        unlabeledSeen: seen,
        pseudoLabelAccuracy: seen > 0 ? plCorrect / seen : 0,
        acceptedFraction: seen > 0 ? accepted / seen : 0,
        acceptedAccuracy: accepted > 0 ? acceptedCorrect / accepted : null,
        unlabeledLoss: uLossSteps > 0 ? uLossSum / uLossSteps : 0,
      };
      epochs.push(record);
      semi.push(semiRecord);
      const pl = u ? ` | α ${alpha.toFixed(2)} pseudo-label acc ${(100 * semiRecord.pseudoLabelAccuracy).toFixed(2)}% accepted ${(100 * semiRecord.acceptedFraction).toFixed(1)}%` : '';
      progress.line(formatEpoch(config.name, config.epochs, record) + pl);
      options.onEpoch?.(record, semiRecord);
      if (epoch === config.epochs) {
        handedOver = model;
        return { epochs, semi, model, validationPredictions };
      }
    }
  } finally {
    run.close(handedOver);
  }
  throw new Error(`${config.name}: epochs must be at least 1, found ${config.epochs}`);
}

interface StepResult {
  /** Mean CE over the labeled batch, mean of mask · CE over the unlabeled batch, labeled hits. */
  lossL: number;
  lossU: number;
  hits: number;
}

/** loss = factor · (CE(labeled) + α · mean_i m_i CE(student_i, ŷ_i)) by tfjs autodiff; any model. */
function autodiffStep(
  model: SemiModel, optimizer: tf.Optimizer, xL: Float32Array, yLabels: Int32Array, student: Float32Array | null, pseudo: Int32Array | null,
  mask: Float32Array | null, nU: number, alpha: number, factor: number, dropoutRng: Rng, height: number, width: number,
): StepResult {
  const nL = yLabels.length;
  const pixels = height * width;
  const nTotal = nL + (student ? nU : 0);
  const images = new Float32Array(nTotal * pixels);
  images.set(xL, 0);
  if (student) images.set(student, nL * pixels);
  const x = tf.tensor4d(images, [nTotal, height, width, 1]);
  const yL = tf.tensor1d(yLabels, 'int32');
  const tU = student && pseudo ? tf.tensor2d(oneHot(pseudo, K), [nU, K]) : null;
  const mU = student && mask ? tf.tensor1d(mask) : null;
  let parts: tf.Tensor | null = null;
  const cost = optimizer.minimize(
    () => {
      // One forward pass over labeled and unlabeled images together; dropout masks are per image.
      const logp = model.logProbs(x, dropoutRng);
      const logpL = logp.slice([0, 0], [nL, K]) as tf.Tensor2D;
      const lossL = nllLoss(logpL, yL);
      const hits = logpL.argMax(1).equal(yL).sum().toFloat();
      let lossU: tf.Scalar = tf.scalar(0);
      if (tU && mU) lossU = weightedCrossEntropy(logp.slice([nL, 0], [nU, K]) as tf.Tensor2D, tU, mU);
      parts = tf.keep(tf.stack([lossL, lossU, hits]));
      // The schedule multiplies the gradient, i.e. the step, leaving the logged losses unscaled.
      return lossL.add(lossU.mul(alpha)).mul(factor) as tf.Scalar;
    },
    true,
    model.variables,
  );
  cost!.dispose();
  const [lossL, lossU, hits] = (parts as unknown as tf.Tensor).dataSync() as Float32Array;
  (parts as unknown as tf.Tensor).dispose();
  for (const tensor of [x, yL, tU, mU]) tensor?.dispose();
  return { lossL, lossU, hits };
}

/**
 * The same loss with the starter CNN's hand-written gradients: the labeled batch with scale
 * factor/nL, and the accepted unlabeled images (mask 1; a masked image contributes nothing) with
 * scale factor·α/nU, so the sum is the gradient of the autodiff loss above.
 */
function fastStep(
  model: StarterCnn, params: HostParameters, xL: Float32Array, yLabels: Int32Array,
  student: Float32Array | null, pseudo: Int32Array | null, mask: Float32Array | null, nU: number, alpha: number, factor: number, dropoutRng: Rng,
): StepResult {
  const cnn = model.config;
  const nL = yLabels.length;
  const gL = batchGradients(params.variables, params.values, cnn, xL, yLabels, drawDropoutMasks(nL, cnn, dropoutRng), factor / nL);
  const grads = gL.grads;
  let lossU = 0;
  if (student && pseudo && mask) {
    const keep: number[] = [];
    for (let i = 0; i < nU; i++) if (mask[i] === 1) keep.push(i);
    if (keep.length > 0) {
      const images = new Float32Array(keep.length * 784);
      const labels = new Int32Array(keep.length);
      keep.forEach((i, j) => {
        images.set(student.subarray(i * 784, (i + 1) * 784), j * 784);
        labels[j] = pseudo[i];
      });
      const gU = batchGradients(params.variables, params.values, cnn, images, labels, drawDropoutMasks(keep.length, cnn, dropoutRng), (factor * alpha) / nU);
      addGradientArrays(grads, gU.grads);
      lossU = gU.lossSum / nU;
    }
  }
  params.step(grads);
  return { lossL: gL.lossSum / nL, lossU, hits: gL.correct };
}
