/**
 * Labeled images held out from training, so that choices (a learning rate, an epoch budget) are
 * made without the validation set, which only reports.
 */
import { subset, type Dataset } from '../data/split';

export const HELD_OUT_PER_CLASS = 50;

/** Splits a labeled set into train and held-out parts, holding out the last `perClass` images of each class. */
export function heldOutSplit(labeled: Dataset, perClass = HELD_OUT_PER_CLASS): { train: Dataset; heldOut: Dataset } {
  const total = new Array<number>(10).fill(0);
  for (let i = 0; i < labeled.count; i++) total[labeled.labels[i]]++;
  for (let c = 0; c < 10; c++) {
    if (total[c] <= perClass) throw new Error(`heldOutSplit: class ${c} has ${total[c]} labeled images, need more than ${perClass}`);
  }
  const seen = new Array<number>(10).fill(0);
  const train: number[] = [];
  const held: number[] = [];
  for (let i = 0; i < labeled.count; i++) {
    const c = labeled.labels[i];
    (seen[c]++ < total[c] - perClass ? train : held).push(i);
  }
  return { train: subset(labeled, train, `${labeled.name}-train`), heldOut: subset(labeled, held, `${labeled.name}-held-out`) };
}

