/**
 * A teacher's labels for a pool of images, with test-time augmentation: the class probabilities of
 * the image as it is and of `views` augmented copies are averaged, and the arg-max is the label.
 * Averaging views smooths out the teacher's errors on digits it sees at an unlucky pose; the labels
 * then train students on the whole training file (distillation), whose true labels they never see.
 */
import { augmentBatch, type AugmentConfig } from '../augment/pipeline';
import type { Dataset } from '../data/split';
import type { Rng } from '../util/rng';
import { BACKGROUND } from './batches';
import type { Classifier } from './evaluate';

export interface TtaConfig {
  /** Augmented views besides the image itself; 0 = the plain eval-mode prediction. */
  views: number;
  augment: AugmentConfig;
  /** Label only the first `count` unlabeled images (a small profile's students use no more); null = all. */
  count: number | null;
}

export interface PoolLabels {
  labels: Uint8Array;
  /** The averaged probability of the chosen class. */
  confidence: Float32Array;
  /** The averaged probabilities of every class (count × classes): the soft labels a student can fit. */
  probs: Float32Array;
}

/** Images per forward pass: bounds the memory of a pass, not its result. */
const CHUNK = 2048;

/** Labels every image of `pool`, chunk by chunk; the views of each chunk are drawn from `rng` in order. */
export function labelWithTta(model: Classifier, pool: Dataset, tta: Pick<TtaConfig, 'views' | 'augment'>, rng: Rng): PoolLabels {
  if (!(Number.isInteger(tta.views) && tta.views >= 0)) throw new Error(`labelWithTta: views must be an integer ≥ 0, found ${tta.views}`);
  const k = model.classes;
  const pixels = pool.height * pool.width;
  const labels = new Uint8Array(pool.count);
  const confidence = new Float32Array(pool.count);
  const averaged = new Float32Array(pool.count * k);
  for (let start = 0; start < pool.count; start += CHUNK) {
    const n = Math.min(CHUNK, pool.count - start);
    const images = pool.images.subarray(start * pixels, (start + n) * pixels);
    const probs = new Float64Array(n * k);
    addProbabilities(probs, model.logProbs(images));
    for (let v = 0; v < tta.views; v++) {
      addProbabilities(probs, model.logProbs(augmentBatch(images, n, pool.height, pool.width, tta.augment, rng, BACKGROUND)));
    }
    for (let i = 0; i < n; i++) {
      let arg = 0;
      for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + arg]) arg = c;
      labels[start + i] = arg;
      confidence[start + i] = probs[i * k + arg] / (tta.views + 1);
      for (let c = 0; c < k; c++) averaged[(start + i) * k + c] = probs[i * k + c] / (tta.views + 1);
    }
  }
  return { labels, confidence, probs: averaged };
}

function addProbabilities(sum: Float64Array, logProbs: Float32Array): void {
  for (let i = 0; i < sum.length; i++) sum[i] += Math.exp(logProbs[i]);
}
