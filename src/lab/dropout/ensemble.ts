/**
 * The dropout ensemble, computed exactly: every thinned subnetwork of a TinyNet, weighted by the
 * probability that dropout samples it, combined two ways, next to the weight-scaling rule.
 *
 * - arithmetic mean   A(y) = Σ_m P(m) · p_m(y)
 * - normalized geometric mean G(y) ∝ exp(Σ_m P(m) · log p_m(y)), rescaled to sum to 1
 * - weight scaling    S(y) = softmax of the full network with each unit multiplied by its keep
 *                     probability (equivalently: every outgoing weight multiplied by it)
 *
 * With keep = 1/2 every mask is equally likely, so the weighted means are the plain means over the
 * 2^n subnetworks (Hinton et al. 2012's statement); the weights make the identity hold for any keep.
 */
import { enumerateMasks, checkKeep, maskProbability } from './masks';
import { TinyNet, logSoftmax, softmax, tinyLogits } from './tiny-net';

/** Where dropout acts: on the inputs, on the hidden units, or on both. */
export type DropSites = 'input' | 'hidden' | 'both';

export interface DropoutSpec {
  sites: DropSites;
  /** Keep probability of each input unit (used when sites includes inputs). */
  keepInput: number;
  /** Keep probability of each hidden unit (used when sites includes hidden units). */
  keepHidden: number;
}

export interface EnsembleResult {
  arithmetic: Float64Array;
  geometric: Float64Array;
  weightScaled: Float64Array;
  /** Number of distinct thinned subnetworks enumerated (2^dropped units). */
  subnetworks: number;
}

export function exactEnsemble(net: TinyNet, x: ArrayLike<number>, spec: DropoutSpec): EnsembleResult {
  const dropInput = spec.sites === 'input' || spec.sites === 'both';
  const dropHidden = spec.sites === 'hidden' || spec.sites === 'both';
  if (!dropInput && !dropHidden) {
    throw new Error(`exactEnsemble (src/lab/dropout/ensemble.ts): sites must be 'input', 'hidden' or 'both', got ${JSON.stringify(spec.sites)}`);
  }
  if (dropInput) checkKeep(spec.keepInput, 'exactEnsemble keepInput');
  if (dropHidden) checkKeep(spec.keepHidden, 'exactEnsemble keepHidden');
  const nIn = dropInput ? net.inputs : 0;
  const nHid = dropHidden ? net.hidden : 0;
  const k = net.classes;
  const arithmetic = new Float64Array(k);
  const logGeo = new Float64Array(k);
  const masks = enumerateMasks(nIn + nHid);
  let total = 0;
  for (const mask of masks) {
    const mIn = mask.subarray(0, nIn);
    const mHid = mask.subarray(nIn);
    const prob = (dropInput ? maskProbability(mIn, spec.keepInput) : 1) * (dropHidden ? maskProbability(mHid, spec.keepHidden) : 1);
    total += prob;
    const logp = logSoftmax(tinyLogits(net, x, { input: dropInput ? mIn : undefined, hidden: dropHidden ? mHid : undefined }));
    for (let c = 0; c < k; c++) {
      arithmetic[c] += prob * Math.exp(logp[c]);
      logGeo[c] += prob * logp[c];
    }
  }
  if (Math.abs(total - 1) > 1e-9) throw new Error(`exactEnsemble: mask probabilities sum to ${total}, expected 1 (internal error)`);
  const scaled = tinyLogits(net, x, {
    input: dropInput ? new Float64Array(net.inputs).fill(spec.keepInput) : undefined,
    hidden: dropHidden ? new Float64Array(net.hidden).fill(spec.keepHidden) : undefined,
  });
  return { arithmetic, geometric: softmax(logGeo), weightScaled: softmax(scaled), subnetworks: masks.length };
}

/** KL(p ‖ q) in nats. */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`klDivergence (src/lab/dropout/ensemble.ts): lengths differ, ${p.length} vs ${q.length}`);
  let kl = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) kl += p[i] * Math.log(p[i] / q[i]);
  return kl;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff (src/lab/dropout/ensemble.ts): lengths differ, ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

export interface EnsembleGaps {
  /** Mean over inputs of KL(geometric ‖ weight-scaled). */
  klGeometric: number;
  /** Mean over inputs of KL(arithmetic ‖ weight-scaled). */
  klArithmetic: number;
  /** Largest |G(y) − S(y)| over inputs and classes. */
  maxDiffGeometric: number;
  /** Largest |A(y) − S(y)| over inputs and classes. */
  maxDiffArithmetic: number;
  /** Fraction of inputs where the arithmetic-mean ensemble and weight scaling pick the same class. */
  agreeArithmetic: number;
  subnetworks: number;
}

/** How far weight scaling is from the exact ensemble, summarized over a set of inputs. */
export function ensembleGaps(net: TinyNet, xs: readonly ArrayLike<number>[], spec: DropoutSpec): EnsembleGaps {
  if (xs.length === 0) throw new Error('ensembleGaps (src/lab/dropout/ensemble.ts): expected at least one input, got none');
  let klG = 0;
  let klA = 0;
  let dG = 0;
  let dA = 0;
  let agree = 0;
  let subnetworks = 0;
  for (const x of xs) {
    const r = exactEnsemble(net, x, spec);
    klG += klDivergence(r.geometric, r.weightScaled);
    klA += klDivergence(r.arithmetic, r.weightScaled);
    dG = Math.max(dG, maxAbsDiff(r.geometric, r.weightScaled));
    dA = Math.max(dA, maxAbsDiff(r.arithmetic, r.weightScaled));
    if (argmax(r.arithmetic) === argmax(r.weightScaled)) agree++;
    subnetworks = r.subnetworks;
  }
  return {
    klGeometric: klG / xs.length,
    klArithmetic: klA / xs.length,
    maxDiffGeometric: dG,
    maxDiffArithmetic: dA,
    agreeArithmetic: agree / xs.length,
    subnetworks,
  };
}
