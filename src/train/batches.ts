import * as tf from '@tensorflow/tfjs';
import { MNIST_MEAN, MNIST_STD, type Dataset } from '../data/split';
import type { Targets } from '../nn/network';

/** The images and labels (and soft target rows, if the dataset has them) at `indices[start..end)`, copied into fresh typed arrays. */
export function gatherBatch(ds: Dataset, indices: ArrayLike<number>, start: number, end: number): { images: Float32Array; labels: Int32Array; targets: Float32Array | null } {
  const pixels = ds.height * ds.width;
  const n = end - start;
  const images = new Float32Array(n * pixels);
  const labels = new Int32Array(n);
  const k = ds.targets ? ds.targets.length / ds.count : 0;
  const targets = ds.targets ? new Float32Array(n * k) : null;
  for (let i = 0; i < n; i++) {
    const src = indices[start + i];
    images.set(ds.images.subarray(src * pixels, (src + 1) * pixels), i * pixels);
    labels[i] = ds.labels[src];
    if (targets) targets.set(ds.targets!.subarray(src * k, (src + 1) * k), i * k);
  }
  return { images, labels, targets };
}

/** The loss targets of a gathered batch: its soft rows if it has them, else its hard labels. */
export function batchTargets(batch: { labels: Int32Array; targets: Float32Array | null }): Targets {
  return batch.targets ? { kind: 'soft', probs: batch.targets } : { kind: 'hard', labels: batch.labels };
}

export function imagesTensor(images: Float32Array, ds: Dataset): tf.Tensor4D {
  return tf.tensor4d(images, [images.length / (ds.height * ds.width), ds.height, ds.width, 1]);
}

/** Contiguous slice of a dataset as a tensor, for evaluation. */
export function sliceImages(ds: Dataset, start: number, end: number): tf.Tensor4D {
  const pixels = ds.height * ds.width;
  return tf.tensor4d(ds.images.subarray(start * pixels, end * pixels), [end - start, ds.height, ds.width, 1]);
}

/** Pixel value of a blank background after normalization, used to fill outside warped images. */
export const BACKGROUND = (0 - MNIST_MEAN) / MNIST_STD;
