import * as tf from '@tensorflow/tfjs';

/**
 * A trainable variable holding `values`. tf.variable() keeps its initial tensor alive beside the
 * variable (they share memory), so `tf.variable(tf.tensor(...))` leaks that tensor when the model is
 * disposed; this disposes it at once.
 */
export function trainable(values: Float32Array | number[], shape: readonly number[], name: string): tf.Variable {
  const initial = tf.tensor(values, [...shape], 'float32');
  try {
    return tf.variable(initial, true, name);
  } finally {
    initial.dispose();
  }
}
