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
