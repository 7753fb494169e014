/** The augmented views of the semi-supervised runs, shared by the starter's rows and the final recipe. */
import type { AugmentConfig } from '../augment/pipeline';

/** FixMatch's weak view for digits (no flips: they change the class). */
export const WEAK_AUGMENT: AugmentConfig = { rotationDeg: 10, translatePx: 2, zoom: [1, 1], stretch: [1, 1] };

/** The strong view: a larger affine jitter plus Simard's elastic distortion on every image. */
export const STRONG_AUGMENT: AugmentConfig = {
  rotationDeg: 25,
  translatePx: 3,
  zoom: [0.85, 1.15],
  stretch: [0.85, 1.15],
  elastic: { alpha: 34, sigma: 4, probability: 1 },
};
