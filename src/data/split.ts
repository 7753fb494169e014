/**
 * The course's split of MNIST, as in its starter code:
 *   labeled    = the first `perClass` (300) training images of each digit, in file order (3,000);
 *   unlabeled  = every other training image, in file order (57,000);
 *   validation = the 10,000 test images.
 * Pixels are normalized with the usual MNIST mean and std, (x/255 - 0.1307) / 0.3081.
 */
import { loadMnist, LoadMnistOptions, MnistRaw, RawSet } from './mnist';

export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;

export interface Dataset {
  name: string;
  /** count*height*width normalized pixels, NHWC with C=1. */
  images: Float32Array;
  labels: Uint8Array;
  /**
   * Probability rows (count × classes) to fit instead of `labels` (a teacher ensemble's soft labels
   * for distillation); absent = the hard labels. `labels` then holds each row's arg-max.
   */
  targets?: Float32Array;
  /** Index of each example in its IDX file (train file for labeled/unlabeled, test for validation). */
  sourceIndex: Int32Array;
  count: number;
  height: number;
  width: number;
}

export interface CourseSplit {
  labeled: Dataset;
  unlabeled: Dataset;
  validation: Dataset;
}

export interface LoadCourseSplitOptions extends LoadMnistOptions {
  perClass?: number;
}

// One table for all 256 byte values, so every dataset normalizes bit-identically.
const NORMALIZE = new Float32Array(256);
for (let v = 0; v < 256; v++) NORMALIZE[v] = (v / 255 - MNIST_MEAN) / MNIST_STD;

/**
 * The examples at `indices` of a source with `pixels` pixels an image, in that order, in new
 * arrays: example i gets labels[indices[i]], sourceIndexOf(indices[i]), and the pixels that
 * copyImage(indices[i], images, i * pixels) writes.
 */
function copyRows(
  indices: ArrayLike<number>,
  pixels: number,
  labels: Uint8Array,
  sourceIndexOf: (src: number) => number,
  copyImage: (src: number, images: Float32Array, to: number) => void,
): Pick<Dataset, 'images' | 'labels' | 'sourceIndex' | 'count'> {
  const count = indices.length;
  const images = new Float32Array(count * pixels);
  const rowLabels = new Uint8Array(count);
  const sourceIndex = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const src = indices[i];
    rowLabels[i] = labels[src];
    sourceIndex[i] = sourceIndexOf(src);
    copyImage(src, images, i * pixels);
  }
  return { images, labels: rowLabels, sourceIndex, count };
}

/** Normalizes the images at `indices` of a raw set into a Dataset. */
function gather(name: string, set: RawSet, indices: ArrayLike<number>): Dataset {
  const pixels = set.rows * set.cols;
  const rows = copyRows(indices, pixels, set.labels, (src) => src, (src, images, to) => {
    const from = src * pixels;
    for (let p = 0; p < pixels; p++) images[to + p] = NORMALIZE[set.images[from + p]];
  });
  return { name, ...rows, height: set.rows, width: set.cols };
}

export function courseSplit(raw: MnistRaw, perClass = 300): CourseSplit {
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new Error(`courseSplit: expected perClass to be a positive integer, found ${perClass}`);
  }
  const { train, test } = raw;
  const taken = new Array<number>(10).fill(0);
  const labeled: number[] = [];
  const unlabeled: number[] = [];
  for (let i = 0; i < train.count; i++) {
    const y = train.labels[i];
    if (taken[y] < perClass) {
      taken[y]++;
      labeled.push(i);
    } else {
      unlabeled.push(i);
    }
  }
  const short = taken.map((n, digit) => ({ n, digit })).filter(({ n }) => n < perClass);
  if (short.length > 0) {
    const found = short.map(({ n, digit }) => `digit ${digit}: ${n}`).join(', ');
    throw new Error(`courseSplit: expected at least ${perClass} training images of each digit in ${raw.dir}, found ${found}`);
  }
  const validation = Array.from({ length: test.count }, (_, i) => i);
  return {
    labeled: gather('labeled', train, labeled),
    unlabeled: gather('unlabeled', train, unlabeled),
    validation: gather('validation', test, validation),
  };
}

const splitCache = new WeakMap<MnistRaw, Map<number, CourseSplit>>();

/**
 * loadMnist + courseSplit, computed once per loaded MnistRaw and perClass. The returned arrays are
 * shared between callers: treat them as read-only (use `subset` to get a private copy).
 */
export function loadCourseSplit(options: LoadCourseSplitOptions = {}): CourseSplit {
  const { perClass = 300, ...loadOptions } = options;
  const raw = loadMnist(loadOptions);
  let byPerClass = splitCache.get(raw);
  if (!byPerClass) {
    byPerClass = new Map();
    splitCache.set(raw, byPerClass);
  }
  let split = byPerClass.get(perClass);
  if (!split) {
    split = courseSplit(raw, perClass);
    byPerClass.set(perClass, split);
  }
  return split;
}

/** The first `count` examples of `ds` as a view: no pixel is copied (the view shares ds's memory). */
export function firstImages(ds: Dataset, count: number, name = `${ds.name}-first-${count}`): Dataset {
  if (!Number.isInteger(count) || count < 0 || count > ds.count) {
    throw new Error(`firstImages of ${ds.name}: expected a count that is an integer in 0..${ds.count}, found ${count}`);
  }
  const pixels = ds.height * ds.width;
  return { ...ds, name, count, images: ds.images.subarray(0, count * pixels), labels: ds.labels.subarray(0, count), sourceIndex: ds.sourceIndex.subarray(0, count) };
}

/** A copy of the examples of `ds` at `indices` (in that order; repeats allowed). */
export function subset(ds: Dataset, indices: ArrayLike<number>, name = `${ds.name}-subset`): Dataset {
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    if (!Number.isInteger(j) || j < 0 || j >= ds.count) {
      throw new Error(`subset of ${ds.name}: expected indices that are integers in 0..${ds.count - 1}, found ${j} at position ${i}`);
    }
  }
  const pixels = ds.height * ds.width;
  const rows = copyRows(indices, pixels, ds.labels, (j) => ds.sourceIndex[j], (j, images, to) => {
    images.set(ds.images.subarray(j * pixels, (j + 1) * pixels), to);
  });
  return { name, ...rows, height: ds.height, width: ds.width };
}
