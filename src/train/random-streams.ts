import { Rng } from '../util/rng';

/**
 * The random streams of a training run, forked from one seed in a fixed order, so that switching
 * one use on (augmentation, say) does not shift the numbers the others draw. Semi-supervised runs
 * fork their extra streams from `root` after these four, so a labels-only semi-supervised run and a
 * supervised run with the same seed draw the same initial weights, batches and dropout masks.
 */
export function trainingStreams(seed: number): { root: Rng; init: Rng; shuffle: Rng; augment: Rng; dropout: Rng } {
  const root = new Rng(seed);
  const init = root.fork();
  const shuffle = root.fork();
  const augment = root.fork();
  const dropout = root.fork();
  return { root, init, shuffle, augment, dropout };
}

/** Every stream a run draws from, supervised or not, in the order they are forked. */
export interface RunStreams {
  root: Rng;
  init: Rng;
  shuffle: Rng;
  augment: Rng;
  dropout: Rng;
  /** Which unlabeled images the run may use, the order they are served in, and their two views. */
  pool: Rng;
  stream: Rng;
  weak: Rng;
  strong: Rng;
  /** The augmented views of test-time augmentation when the trained network labels a pool. */
  tta: Rng;
}

/**
 * The four training streams, then the unlabeled term's four forked from `root` after them, so a
 * supervised run draws exactly what it drew before the unlabeled streams existed.
 */
export function runStreams(seed: number): RunStreams {
  const base = trainingStreams(seed);
  const pool = base.root.fork();
  const stream = base.root.fork();
  const weak = base.root.fork();
  const strong = base.root.fork();
  const tta = base.root.fork();
  return { ...base, pool, stream, weak, strong, tta };
}
