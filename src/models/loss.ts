import * as tf from '@tensorflow/tfjs';

/** Mean negative log-likelihood of integer labels under log-probabilities, as PyTorch's F.nll_loss. */
export function nllLoss(logProbs: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels, logProbs.shape[1]);
    return tf.neg(tf.sum(tf.mul(oneHot, logProbs))).div(logProbs.shape[0]) as tf.Scalar;
  });
}

/** Per-example weighted NLL against soft or hard targets given as a [n, k] matrix. */
export function weightedCrossEntropy(logProbs: tf.Tensor2D, targets: tf.Tensor2D, weights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    let perExample = tf.neg(tf.sum(tf.mul(targets, logProbs), 1));
    if (weights) perExample = perExample.mul(weights);
    return perExample.mean() as tf.Scalar;
  });
}
