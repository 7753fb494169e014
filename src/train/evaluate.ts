import type { Dataset } from '../data/split';
import { plural } from '../util/plural';

export interface Evaluation {
  loss: number;
  accuracy: number;
  /** argmax class per example. */
  predictions: Uint8Array;
}

/** Anything that maps images (n·h·w values) to eval-mode log-probabilities (n × classes): every `Network`. */
export interface Classifier {
  readonly classes: number;
  logProbs(images: Float32Array): Float32Array;
}

/** Mean NLL and accuracy in eval mode (dropout off, running statistics); ties go to the lower class. */
export function evaluate(model: Classifier, ds: Dataset): Evaluation {
  const k = model.classes;
  const logp = model.logProbs(ds.images.subarray(0, ds.count * ds.height * ds.width));
  if (logp.length !== ds.count * k) throw new Error(`evaluate: expected ${ds.count}×${k} log-probabilities for ${ds.name}, found ${plural(logp.length, 'value')}`);
  const predictions = new Uint8Array(ds.count);
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < ds.count; i++) {
    let arg = 0;
    for (let c = 1; c < k; c++) if (logp[i * k + c] > logp[i * k + arg]) arg = c;
    const label = ds.labels[i];
    lossSum -= logp[i * k + label];
    predictions[i] = arg;
    if (arg === label) correct++;
  }
  return { loss: lossSum / ds.count, accuracy: correct / ds.count, predictions };
}
