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

/** `ds` fitted to probability rows `probs` (count × classes); its labels become each row's arg-max. */
export function withSoftTargets(ds: Dataset, probs: Float32Array, classes: number, name: string): Dataset {
  if (probs.length !== ds.count * classes) throw new Error(`withSoftTargets: ${ds.name} has ${ds.count} images, so ${ds.count * classes} probabilities were expected, found ${probs.length}`);
  const labels = new Uint8Array(ds.count);
  for (let i = 0; i < ds.count; i++) {
    let arg = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + arg]) arg = c;
    labels[i] = arg;
  }
  return { ...ds, labels, targets: probs, name };
}

/** The target rows of `ds` (count × classes): its soft targets, or one-hot rows of its labels. */
function targetRows(ds: Dataset, classes: number): Float32Array {
  if (ds.targets) return ds.targets;
  const rows = new Float32Array(ds.count * classes);
  for (let i = 0; i < ds.count; i++) rows[i * classes + ds.labels[i]] = 1;
  return rows;
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
  const merged: Dataset = { name, images, labels, sourceIndex, count: a.count + b.count, height: a.height, width: a.width };
  if (!a.targets && !b.targets) return merged;
  const classes = (a.targets ?? b.targets)!.length / (a.targets ? a.count : b.count);
  const targets = new Float32Array((a.count + b.count) * classes);
  targets.set(targetRows(a, classes));
  targets.set(targetRows(b, classes), a.count * classes);
  return { ...merged, targets };
}
