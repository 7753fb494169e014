/**
 * The two dense solvers the feature pipeline needs, on small symmetric matrices (≤ ~800 × 800):
 * a Jacobi eigendecomposition for ZCA whitening and a Cholesky solve for ridge regression.
 * Float64 throughout: covariance eigenvalues span several orders of magnitude.
 */

/** Copies `matrix` into Float64; throws unless it is a symmetric n×n matrix (to 1e-9 relative). */
function symmetricCopy(matrix: ArrayLike<number>, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1 || matrix.length !== n * n) {
    throw new Error(`symmetricEigen (src/lab/features/linalg.ts): expected an n×n matrix with n = ${n}, got ${matrix.length} values`);
  }
  const a = Float64Array.from(matrix);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(a[i * n + j] - a[j * n + i]);
      if (d > 1e-9 * (1 + Math.abs(a[i * n + j]))) {
        throw new Error(`symmetricEigen (src/lab/features/linalg.ts): matrix is not symmetric at (${i}, ${j}): ${a[i * n + j]} vs ${a[j * n + i]}`);
      }
    }
  }
  return a;
}

/** Whether the strictly upper triangle of `a` is negligible next to its diagonal (squared norms). */
function isDiagonal(a: Float64Array, n: number): boolean {
  let off = 0;
  let diag = 0;
  for (let i = 0; i < n; i++) {
    diag += a[i * n + i] * a[i * n + i];
    for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
  }
  return off <= 1e-30 * Math.max(diag, 1e-300);
}

/** Applies the Jacobi rotation that zeroes a[p][q] to `a` (both sides) and accumulates it into `v`. */
function jacobiRotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  const app = a[p * n + p];
  const aqq = a[q * n + q];
  // Rotation angle that zeroes a[p][q] (Golub & Van Loan, Alg. 8.4.1).
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k];
    const aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/** The diagonal of `a` sorted descending, with the matching columns of `v` in the same order. */
function sortedEigenpairs(a: Float64Array, v: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) vectors[r * n + c] = v[r * n + order[c]];
  return { values, vectors };
}

/**
 * Eigen-decomposition of a symmetric n×n matrix (row-major) by cyclic Jacobi rotations.
 * Returns eigenvalues (descending) and eigenvectors as the columns of `vectors` (row-major n×n).
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number, maxSweeps = 100): { values: Float64Array; vectors: Float64Array } {
  const a = symmetricCopy(matrix, n);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    if (isDiagonal(a, n)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p * n + q] === 0) continue;
        jacobiRotate(a, v, n, p, q);
      }
    }
  }
  return sortedEigenpairs(a, v, n);
}

/**
 * Solve A X = B for symmetric positive-definite A (n×n) and B (n×m), both row-major, by Cholesky.
 * Throws if A is not positive definite (ridge regression with λ > 0 always is).
 */
export function choleskySolve(A: ArrayLike<number>, n: number, B: ArrayLike<number>, m: number): Float64Array {
  if (A.length !== n * n) throw new Error(`choleskySolve (src/lab/features/linalg.ts): A must be ${n}×${n}, got ${A.length} values`);
  if (B.length !== n * m) throw new Error(`choleskySolve (src/lab/features/linalg.ts): B must be ${n}×${m}, got ${B.length} values`);
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new Error(`choleskySolve (src/lab/features/linalg.ts): matrix is not positive definite (pivot ${i} = ${s})`);
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  const X = Float64Array.from(B);
  // Forward: L Y = B.
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const l = L[i * n + k];
      if (l === 0) continue;
      for (let c = 0; c < m; c++) X[i * m + c] -= l * X[k * m + c];
    }
    const d = L[i * n + i];
    for (let c = 0; c < m; c++) X[i * m + c] /= d;
  }
  // Backward: Lᵀ X = Y.
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const l = L[k * n + i];
      if (l === 0) continue;
      for (let c = 0; c < m; c++) X[i * m + c] -= l * X[k * m + c];
    }
    const d = L[i * n + i];
    for (let c = 0; c < m; c++) X[i * m + c] /= d;
  }
  return X;
}
