/**
 * A linear classifier for comparing feature sets: ridge regression onto one-hot targets
 * (a regularized least-squares "linear SVM stand-in"), solved exactly by the normal equations.
 * Features are standardized with the training mean and std so one λ means the same for raw
 * pixels and for k-means features; the intercept is not penalized.
 */
import { choleskySolve } from './linalg';

export interface RidgeModel {
  dim: number;
  classes: number;
  mean: Float64Array;
  /** 1/std per feature (0 for constant features, which are thereby dropped). */
  invStd: Float64Array;
  /** dim × classes. */
  weights: Float64Array;
  intercept: Float64Array;
  lambda: number;
}

/** Gram matrix and right-hand side of the standardized problem, reusable across λ. */
export interface RidgeSystem {
  dim: number;
  classes: number;
  count: number;
  mean: Float64Array;
  invStd: Float64Array;
  /** XᵀX of standardized, centred features (dim × dim). */
  gram: Float64Array;
  /** XᵀY of centred one-hot targets (dim × classes). */
  rhs: Float64Array;
  targetMean: Float64Array;
}

export function ridgeSystem(x: Float32Array, count: number, dim: number, labels: ArrayLike<number>, classes: number): RidgeSystem {
  const where = 'ridgeSystem (src/lab/features/ridge.ts)';
  if (x.length !== count * dim) throw new Error(`${where}: expected ${count} × ${dim} = ${count * dim} values, got ${x.length}`);
  if (labels.length !== count) throw new Error(`${where}: expected ${count} labels, got ${labels.length}`);
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let n = 0; n < count; n++) for (let i = 0; i < dim; i++) mean[i] += x[n * dim + i];
  for (let i = 0; i < dim; i++) mean[i] /= count;
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < dim; i++) {
      const d = x[n * dim + i] - mean[i];
      sq[i] += d * d;
    }
  }
  const invStd = Float64Array.from(sq, (s) => (s > 1e-12 * count ? 1 / Math.sqrt(s / count) : 0));
  const targetMean = new Float64Array(classes);
  for (let n = 0; n < count; n++) {
    const y = labels[n];
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new Error(`${where}: label ${y} at ${n} is outside 0..${classes - 1}`);
    targetMean[y] += 1 / count;
  }
  const gram = new Float64Array(dim * dim);
  const rhs = new Float64Array(dim * classes);
  const row = new Float64Array(dim);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < dim; i++) row[i] = (x[n * dim + i] - mean[i]) * invStd[i];
    const y = labels[n];
    for (let i = 0; i < dim; i++) {
      const ri = row[i];
      if (ri === 0) continue;
      const o = i * dim;
      for (let j = i; j < dim; j++) gram[o + j] += ri * row[j];
      for (let c = 0; c < classes; c++) rhs[i * classes + c] += ri * ((c === y ? 1 : 0) - targetMean[c]);
    }
  }
  for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) gram[j * dim + i] = gram[i * dim + j];
  return { dim, classes, count, mean, invStd, gram, rhs, targetMean };
}

/** Solve (XᵀX + λ·count·I) W = XᵀY; λ is per example so it does not depend on the training-set size. */
export function solveRidge(sys: RidgeSystem, lambda: number): RidgeModel {
  if (!(lambda > 0)) throw new Error(`solveRidge (src/lab/features/ridge.ts): lambda must be > 0, got ${lambda}`);
  const { dim, classes, count } = sys;
  const a = Float64Array.from(sys.gram);
  for (let i = 0; i < dim; i++) a[i * dim + i] += lambda * count;
  const weights = choleskySolve(a, dim, sys.rhs, classes);
  // Intercept: targets' mean minus the weights applied to the features' mean, which is zero after centring.
  return { dim, classes, mean: sys.mean, invStd: sys.invStd, weights, intercept: Float64Array.from(sys.targetMean), lambda };
}

/** Class scores, count × classes. */
export function ridgeScores(model: RidgeModel, x: Float32Array, count: number): Float64Array {
  const { dim, classes, mean, invStd, weights, intercept } = model;
  if (x.length !== count * dim) throw new Error(`ridgeScores (src/lab/features/ridge.ts): expected ${count} × ${dim} values, got ${x.length}`);
  const out = new Float64Array(count * classes);
  for (let n = 0; n < count; n++) {
    for (let c = 0; c < classes; c++) out[n * classes + c] = intercept[c];
    for (let i = 0; i < dim; i++) {
      const v = (x[n * dim + i] - mean[i]) * invStd[i];
      if (v === 0) continue;
      const o = i * classes;
      for (let c = 0; c < classes; c++) out[n * classes + c] += v * weights[o + c];
    }
  }
  return out;
}

export function ridgeAccuracy(model: RidgeModel, x: Float32Array, count: number, labels: ArrayLike<number>): number {
  const s = ridgeScores(model, x, count);
  const k = model.classes;
  let right = 0;
  for (let n = 0; n < count; n++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (s[n * k + c] > s[n * k + best]) best = c;
    if (best === labels[n]) right++;
  }
  return right / count;
}
