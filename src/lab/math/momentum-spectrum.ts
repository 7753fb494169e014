/**
 * Exact linear analysis of momentum and Nesterov's method on a quadratic.
 *
 * On f(θ) = ½ Σ λ_i θ_i² the updates decouple along the eigenvectors of the Hessian, and along an
 * eigenvalue λ both methods are linear recurrences in (θ_k, θ_{k−1}):
 *
 *   momentum:  θ_{k+1} = (1 + μ − ελ) θ_k − μ θ_{k−1}
 *   Nesterov:  θ_{k+1} = (1 + μ)(1 − ελ) θ_k − μ(1 − ελ) θ_{k−1}
 *
 * (the second because θ_{k+1} = (1 − ελ)(θ_k + μ v_k) with v_k = θ_k − θ_{k−1}). The error then
 * shrinks like ρ^k, where ρ is the spectral radius of the 2×2 companion matrix; ρ ≥ 1 means the
 * method does not converge along that direction.
 */
export type Matrix2 = [[number, number], [number, number]];

export function momentumMatrix(lr: number, mu: number, lambda: number): Matrix2 {
  return [[1 + mu - lr * lambda, -mu], [1, 0]];
}

export function nesterovMatrix(lr: number, mu: number, lambda: number): Matrix2 {
  const a = 1 - lr * lambda;
  return [[(1 + mu) * a, -mu * a], [1, 0]];
}

/** max |eigenvalue| of a real 2×2 matrix, from its trace and determinant. */
export function spectralRadius2(m: Matrix2): number {
  const t = m[0][0] + m[1][1];
  const d = m[0][0] * m[1][1] - m[0][1] * m[1][0];
  const disc = t * t - 4 * d;
  if (disc < 0) return Math.sqrt(d); // complex pair: |z|² = z z̄ = det
  const s = Math.sqrt(disc);
  return Math.max(Math.abs((t + s) / 2), Math.abs((t - s) / 2));
}

/** Worst-case spectral radius over a set of Hessian eigenvalues. */
export function worstRadius(kind: 'sgd' | 'momentum' | 'nesterov', lr: number, mu: number, eigenvalues: number[]): number {
  return Math.max(
    ...eigenvalues.map((lambda) =>
      kind === 'sgd' ? Math.abs(1 - lr * lambda) : spectralRadius2(kind === 'momentum' ? momentumMatrix(lr, mu, lambda) : nesterovMatrix(lr, mu, lambda)),
    ),
  );
}

/**
 * The largest ελ for which each method is stable (ρ < 1), from the Jury conditions on the
 * characteristic polynomial z² − t z + d: |d| < 1, 1 − t + d > 0, 1 + t + d > 0.
 *   momentum: 0 < ελ < 2(1 + μ)            Nesterov: 0 < ελ < 2(1 + μ)/(1 + 2μ)
 */
export function stabilityLimit(kind: 'momentum' | 'nesterov', mu: number): number {
  return kind === 'momentum' ? 2 * (1 + mu) : (2 * (1 + mu)) / (1 + 2 * mu);
}
