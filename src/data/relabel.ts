/**
 * Training sets made of a dataset plus another one whose labels come from elsewhere (a teacher's
 * guesses for the unlabeled images, for distillation). The images are copied once, in order.
 */
import type { Dataset } from './split';
import { plural } from '../util/plural';

/** `ds` with `labels` in place of its own, under a new name that says where the labels came from. */
export function withLabels(ds: Dataset, labels: Uint8Array, name: string): Dataset {
  if (labels.length !== ds.count) throw new Error(`withLabels: ${ds.name} has ${plural(ds.count, 'image')}, found ${plural(labels.length, 'label')}`);
  return { ...ds, labels, name };
}

/** The examples of `a`, then those of `b`, as one dataset (sizes must agree). */
export function concatDatasets(a: Dataset, b: Dataset, name: string): Dataset {
  if (a.height !== b.height || a.width !== b.width) {
    throw new Error(`concatDatasets: ${a.name} is ${a.height}×${a.width} but ${b.name} is ${b.height}×${b.width}`);
  }
  const pixels = a.height * a.width;
  const images = new Float32Array((a.count + b.count) * pixels);
  images.set(a.images.subarray(0, a.count * pixels));
  images.set(b.images.subarray(0, b.count * pixels), a.count * pixels);
  const labels = new Uint8Array(a.count + b.count);
  labels.set(a.labels);
  labels.set(b.labels, a.count);
  const sourceIndex = new Int32Array(a.count + b.count);
  sourceIndex.set(a.sourceIndex);
  sourceIndex.set(b.sourceIndex, a.count);
  return { name, images, labels, sourceIndex, count: a.count + b.count, height: a.height, width: a.width };
}
