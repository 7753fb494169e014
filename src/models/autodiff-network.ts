import * as tf from '@tensorflow/tfjs';
import type { GradientRequest, GradientResult, Network, ParameterInfo } from '../nn/network';
import type { Rng } from '../util/rng';

/** A tfjs model as the trainer sees it: log-probabilities in train mode (rng given) or eval mode. */
export interface TfModel {
  readonly variables: tf.Variable[];
  logProbs(x: tf.Tensor4D, rng?: Rng): tf.Tensor2D;
  dispose(): void;
}

const EVAL_BATCH = 1000;

/**
 * Any tfjs model on the `Network` seam, with gradients from tfjs autodiff: the reference the
 * hand-written paths are tested against, and the path on backends where our kernels do not apply.
 * Parameters whose name ends in '/w' decay; the rest (biases) do not.
 */
export function autodiffNetwork(model: TfModel, height = 28, width = 28): Network {
  const parameters = model.variables.map((v) => (v.dataSync() as Float32Array).slice());
  const info: ParameterInfo[] = model.variables.map((v) => ({ name: v.name, shape: v.shape, decay: /\/w(_\d+)?$/.test(v.name) }));
  const pixels = height * width;
  return {
    classes: 10,
    info,
    parameters,
    buffers: [],
    gradients: (request) => autodiffGradients(model, request, height, width),
    logProbs(images) {
      const n = images.length / pixels;
      const out: Float32Array[] = [];
      for (let start = 0; start < n; start += EVAL_BATCH) {
        const end = Math.min(n, start + EVAL_BATCH);
        out.push(tf.tidy(() => model.logProbs(tf.tensor4d(images.subarray(start * pixels, end * pixels), [end - start, height, width, 1])).dataSync() as Float32Array));
      }
      return concat(out);
    },
    parametersChanged() {
      tf.tidy(() => model.variables.forEach((v, i) => v.assign(tf.tensor(parameters[i], v.shape))));
    },
    dispose: () => model.dispose(),
  };
}

/** d(scale · Σ_i w_i · CE_i)/dθ by tf.variableGrads, with the unweighted loss sum and hits. */
function autodiffGradients(model: TfModel, request: GradientRequest, height: number, width: number): GradientResult {
  const { images, targets, weights, scale, rng } = request;
  const n = images.length / (height * width);
  return tf.tidy(() => {
    const x = tf.tensor4d(images, [n, height, width, 1]);
    const target = targets.kind === 'hard' ? tf.oneHot(tf.tensor1d(targets.labels, 'int32'), 10).toFloat() : tf.tensor2d(targets.probs, [n, 10]);
    const w = weights ? tf.tensor1d(weights) : tf.ones([n]);
    let lossSum = 0;
    let correct = 0;
    let rowLoss = new Float32Array(n);
    let rowCorrect = new Uint8Array(n);
    const { grads } = tf.variableGrads(() => {
      const logp = model.logProbs(x, rng);
      const perImage = tf.neg(tf.sum(tf.mul(target, logp), 1)) as tf.Tensor1D;
      // Read inside: variableGrads disposes everything f made except its value.
      lossSum = perImage.sum().dataSync()[0];
      rowLoss = Float32Array.from(perImage.dataSync());
      if (targets.kind === 'hard') {
        rowCorrect = Uint8Array.from(tf.equal(logp.argMax(1), tf.tensor1d(targets.labels, 'int32')).dataSync());
        correct = rowCorrect.reduce((s, c) => s + c, 0);
      }
      return tf.sum(tf.mul(perImage, w)).mul(scale) as tf.Scalar;
    }, model.variables);
    return { grads: model.variables.map((v) => grads[v.name].dataSync() as Float32Array), lossSum, correct, rowLoss, rowCorrect };
  });
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
