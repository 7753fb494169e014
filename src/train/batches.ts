import * as tf from '@tensorflow/tfjs';
import { MNIST_MEAN, MNIST_STD, type Dataset } from '../data/split';

/** The images and labels at `indices[start..end)`, copied into fresh typed arrays. */
export function gatherBatch(ds: Dataset, indices: ArrayLike<number>, start: number, end: number): { images: Float32Array; labels: Int32Array } {
  const pixels = ds.height * ds.width;
  const n = end - start;
  const images = new Float32Array(n * pixels);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const src = indices[start + i];
    images.set(ds.images.subarray(src * pixels, (src + 1) * pixels), i * pixels);
    labels[i] = ds.labels[src];
  }
  return { images, labels };
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
