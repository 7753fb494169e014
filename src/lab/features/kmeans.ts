/**
 * Plain k-means (Lloyd's algorithm) with k-means++ seeding, step 4 of Coates et al. (2011).
 * An empty cluster is re-seeded at the point currently farthest from its centroid, so K stays K.
 */
import { Rng } from '../../util/rng';

export interface KMeansResult {
  /** k × dim, row-major. */
  centroids: Float32Array;
  assignments: Int32Array;
  /** Mean squared distance to the assigned centroid after each iteration (non-increasing). */
  inertia: number[];
  iterations: number;
}

export interface KMeansOptions {
  k: number;
  iterations: number;
  rng: Rng;
  /** Stop early when no assignment changes. Default true. */
  stopWhenStable?: boolean;
}

/** Squared distances from one point to every centroid, written into `out`. */
function distancesTo(data: Float32Array, p: number, dim: number, centroids: Float32Array, k: number, out: Float64Array): void {
  const o = p * dim;
  for (let c = 0; c < k; c++) {
    const co = c * dim;
    let s = 0;
    for (let i = 0; i < dim; i++) {
      const d = data[o + i] - centroids[co + i];
      s += d * d;
    }
    out[c] = s;
  }
}

/** Validates kmeans' arguments; returns the number of points. */
function checkKMeansInputs(data: Float32Array, dim: number, k: number, iterations: number): number {
  const where = 'kmeans (src/lab/features/kmeans.ts)';
  if (!Number.isInteger(dim) || dim < 1 || data.length % dim !== 0) throw new Error(`${where}: ${data.length} values are not rows of dim ${dim}`);
  const n = data.length / dim;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`${where}: k must be an integer in 1..${n} (the number of points), got ${k}`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`${where}: iterations must be a positive integer, got ${iterations}`);
  return n;
}

/** k-means++: each new centre drawn with probability ∝ squared distance to the nearest chosen one. */
function seedCentroids(data: Float32Array, dim: number, n: number, k: number, rng: Rng): Float32Array {
  const centroids = new Float32Array(k * dim);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(pick * dim, (pick + 1) * dim), c * dim);
    let total = 0;
    for (let p = 0; p < n; p++) {
      let s = 0;
      for (let i = 0; i < dim; i++) {
        const d = data[p * dim + i] - centroids[c * dim + i];
        s += d * d;
      }
      if (s < nearest[p]) nearest[p] = s;
      total += nearest[p];
    }
    if (c === k - 1) break;
    let r = rng.uniform() * total;
    pick = n - 1;
    for (let p = 0; p < n; p++) {
      r -= nearest[p];
      if (r < 0) {
        pick = p;
        break;
      }
    }
  }
  return centroids;
}

/** Buffers reused across Lloyd iterations. */
interface LloydState {
  centroids: Float32Array;
  assignments: Int32Array;
  /** Per point: squared distance to its assigned centroid. */
  best: Float64Array;
  dist: Float64Array;
  sums: Float64Array;
  counts: Int32Array;
}

/** Assigns every point to its nearest centroid; returns how many assignments changed and the summed squared distance. */
function assignPoints(data: Float32Array, dim: number, n: number, k: number, st: LloydState): { changed: number; total: number } {
  let changed = 0;
  let total = 0;
  for (let p = 0; p < n; p++) {
    distancesTo(data, p, dim, st.centroids, k, st.dist);
    let b = 0;
    for (let c = 1; c < k; c++) if (st.dist[c] < st.dist[b]) b = c;
    if (st.assignments[p] !== b) changed++;
    st.assignments[p] = b;
    st.best[p] = st.dist[b];
    total += st.dist[b];
  }
  return { changed, total };
}

/** Moves each centroid to the mean of its points; an empty one jumps to the farthest point. */
function updateCentroids(data: Float32Array, dim: number, n: number, k: number, st: LloydState): void {
  const { centroids, assignments, best, sums, counts } = st;
  sums.fill(0);
  counts.fill(0);
  for (let p = 0; p < n; p++) {
    const c = assignments[p];
    counts[c]++;
    for (let i = 0; i < dim; i++) sums[c * dim + i] += data[p * dim + i];
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) {
      let far = 0;
      for (let p = 1; p < n; p++) if (best[p] > best[far]) far = p;
      centroids.set(data.subarray(far * dim, (far + 1) * dim), c * dim);
      // So a second empty cluster in this pass takes a different point.
      best[far] = 0;
      continue;
    }
    for (let i = 0; i < dim; i++) centroids[c * dim + i] = sums[c * dim + i] / counts[c];
  }
}

export function kmeans(data: Float32Array, dim: number, options: KMeansOptions): KMeansResult {
  const { k, iterations, rng } = options;
  const n = checkKMeansInputs(data, dim, k, iterations);
  const st: LloydState = {
    centroids: seedCentroids(data, dim, n, k, rng),
    assignments: new Int32Array(n).fill(-1),
    best: new Float64Array(n),
    dist: new Float64Array(k),
    sums: new Float64Array(k * dim),
    counts: new Int32Array(k),
  };
  const inertia: number[] = [];
  let it = 0;
  for (; it < iterations; it++) {
    const { changed, total } = assignPoints(data, dim, n, k, st);
    inertia.push(total / n);
    if (changed === 0 && options.stopWhenStable !== false) break;
    updateCentroids(data, dim, n, k, st);
  }
  return { centroids: st.centroids, assignments: st.assignments, inertia, iterations: Math.min(it + 1, iterations) };
}
