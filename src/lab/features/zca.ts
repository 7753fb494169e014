/**
 * ZCA whitening (step 3 of Coates et al. 2011): x ↦ W (x − μ) with W = U diag(1/√(λ + ε)) Uᵀ.
 * Unlike PCA whitening it rotates back into pixel space, so whitened patches still look like
 * (edge-enhanced) patches and k-means centroids can be shown as images. ε limits the boost of
 * the smallest-variance directions, which are mostly noise.
 */
import { symmetricEigen } from './linalg';

export interface Zca {
  dim: number;
  mean: Float64Array;
  /** dim × dim, symmetric, row-major. */
  matrix: Float64Array;
  /** Eigenvalues of the patch covariance, descending. */
  eigenvalues: Float64Array;
}

export function fitZca(data: Float32Array, dim: number, eps: number): Zca {
  if (!Number.isInteger(dim) || dim < 1 || data.length % dim !== 0 || data.length === 0) {
    throw new Error(`fitZca (src/lab/features/zca.ts): expected a non-empty n × ${dim} array, got ${data.length} values`);
  }
  if (!(eps >= 0)) throw new Error(`fitZca (src/lab/features/zca.ts): eps must be ≥ 0, got ${eps}`);
  const n = data.length / dim;
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) mean[i] += data[r * dim + i];
  for (let i = 0; i < dim; i++) mean[i] /= n;
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dim; i++) row[i] = data[r * dim + i] - mean[i];
    for (let i = 0; i < dim; i++) {
      const ri = row[i];
      for (let j = i; j < dim; j++) cov[i * dim + j] += ri * row[j];
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const c = cov[i * dim + j] / Math.max(1, n - 1);
      cov[i * dim + j] = c;
      cov[j * dim + i] = c;
    }
  }
  const { values, vectors } = symmetricEigen(cov, dim);
  const matrix = new Float64Array(dim * dim);
  for (let k = 0; k < dim; k++) {
    const s = 1 / Math.sqrt(Math.max(values[k], 0) + eps);
    for (let i = 0; i < dim; i++) {
      const ui = vectors[i * dim + k] * s;
      for (let j = 0; j < dim; j++) matrix[i * dim + j] += ui * vectors[j * dim + k];
    }
  }
  return { dim, mean, matrix, eigenvalues: values };
}

/** Whiten `n` rows of `data` (n × dim) into a new array. */
export function applyZca(zca: Zca, data: Float32Array): Float32Array {
  const { dim, mean, matrix } = zca;
  if (data.length % dim !== 0) throw new Error(`applyZca (src/lab/features/zca.ts): ${data.length} values are not rows of ${dim}`);
  const out = new Float32Array(data.length);
  const centred = new Float64Array(dim);
  for (let o = 0; o < data.length; o += dim) {
    for (let i = 0; i < dim; i++) centred[i] = data[o + i] - mean[i];
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += matrix[i * dim + j] * centred[j];
      out[o + i] = s;
    }
  }
  return out;
}
