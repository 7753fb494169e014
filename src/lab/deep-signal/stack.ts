/**
 * The deep-stack variance experiment (after Glorot & Bengio 2010, Fig. 6–7, and He et al. 2015):
 * push a batch through `depth` fully connected layers of equal width, record the variance of each
 * layer's activations on the way up, then inject a unit-variance gradient at the top and record the
 * variance of the back-propagated gradient at each layer on the way down.
 *
 * Plain Float32 loops instead of tfjs: the whole run is a few hundred million multiply-adds, the
 * numbers are bit-reproducible, and there is no backend to warm up inside a notebook.
 */
import { initBias, initWeights, type InitializerName } from '../../init/initializers';
import { Rng } from '../../util/rng';

export type StackActivation = 'tanh' | 'relu';

export interface DeepStackOptions {
  /** Input batch, batch × inputDim, row-major. */
  input: Float32Array;
  batch: number;
  inputDim: number;
  depth: number;
  width: number;
  activation: StackActivation;
  init: InitializerName;
  seed: number;
  /** Also compute ∂L/∂W per layer (costs another pass the size of the backward one). Default false. */
  weightGradients?: boolean;
  /** Also return the top activations, the injected gradient and ∂L/∂input (for gradient checks). */
  keepTensors?: boolean;
}

export interface DeepStackResult {
  /** Variance (over batch and units) of the input to layer 1. */
  inputVariance: number;
  /** Per layer l = 1..depth: variance of the post-activation output h_l. */
  activationVariance: number[];
  /** Per layer l = 1..depth: variance of the pre-activation z_l = W_l h_{l-1} + b_l. */
  preActivationVariance: number[];
  /**
   * Per layer l = 1..depth: variance of ∂L/∂h_l, the gradient with respect to layer l's output,
   * where ∂L/∂h_depth is i.i.d. N(0, 1). Index depth−1 is therefore ≈ 1 by construction.
   */
  gradientVariance: number[];
  /** Per layer l = 1..depth: variance of ∂L/∂W_l entries (the gradient the optimizer sees); empty unless asked for. */
  weightGradientVariance: number[];
  /** Present with keepTensors: h_depth, the injected ∂L/∂h_depth, and ∂L/∂input (L = Σ g ⊙ h_depth). */
  tensors?: { top: Float32Array; topGradient: Float32Array; inputGradient: Float32Array };
}

/** Variance of all entries (population, i.e. divided by n). */
export function variance(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - mean) * (v[i] - mean);
  return q / v.length;
}

function check(options: DeepStackOptions): void {
  const { input, batch, inputDim, depth, width, activation } = options;
  const where = 'runDeepStack (src/lab/deep-signal/stack.ts)';
  for (const [k, v] of Object.entries({ batch, inputDim, depth, width })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${where}: ${k} must be a positive integer, got ${v}`);
  }
  if (input.length !== batch * inputDim) {
    throw new Error(`${where}: input must hold batch × inputDim = ${batch * inputDim} values, got ${input.length}`);
  }
  if (activation !== 'tanh' && activation !== 'relu') {
    throw new Error(`${where}: activation must be 'tanh' or 'relu', got ${JSON.stringify(activation)}`);
  }
}

/** z = h W + b for one fully connected layer (W in tfjs layout [fanIn, width]), batch rows at once. */
function preActivation(h: Float32Array, w: Float32Array, b: Float32Array, batch: number, fanIn: number, width: number): Float32Array {
  const z = new Float32Array(batch * width);
  for (let n = 0; n < batch; n++) {
    const zOff = n * width;
    z.set(b, zOff);
    const hOff = n * fanIn;
    for (let i = 0; i < fanIn; i++) {
      const hv = h[hOff + i];
      if (hv === 0) continue;
      const wOff = i * width;
      for (let j = 0; j < width; j++) z[zOff + j] += hv * w[wOff + j];
    }
  }
  return z;
}

function activate(z: Float32Array, activation: StackActivation): Float32Array {
  const out = new Float32Array(z.length);
  if (activation === 'tanh') for (let i = 0; i < z.length; i++) out[i] = Math.tanh(z[i]);
  else for (let i = 0; i < z.length; i++) out[i] = z[i] > 0 ? z[i] : 0;
  return out;
}

/** δ = g ⊙ f'(z): tanh' = 1 − tanh², relu' = [z > 0]. */
function backThroughActivation(g: Float32Array, z: Float32Array, activation: StackActivation): Float32Array {
  const delta = new Float32Array(g.length);
  if (activation === 'tanh') {
    for (let i = 0; i < g.length; i++) {
      const t = Math.tanh(z[i]);
      delta[i] = g[i] * (1 - t * t);
    }
  } else {
    for (let i = 0; i < g.length; i++) delta[i] = z[i] > 0 ? g[i] : 0;
  }
  return delta;
}

/** ∂L/∂W[i][j] = Σ_n h_{l-1}[n][i] · δ[n][j] */
function weightGradient(hin: Float32Array, delta: Float32Array, batch: number, fin: number, width: number): Float32Array {
  const gw = new Float32Array(fin * width);
  for (let n = 0; n < batch; n++) {
    const dOff = n * width;
    for (let i = 0; i < fin; i++) {
      const hv = hin[n * fin + i];
      if (hv === 0) continue;
      const off = i * width;
      for (let j = 0; j < width; j++) gw[off + j] += hv * delta[dOff + j];
    }
  }
  return gw;
}

/** ∂L/∂h_{l-1}[n][i] = Σ_j δ[n][j] · W[i][j] */
function layerInputGradient(delta: Float32Array, w: Float32Array, batch: number, fin: number, width: number): Float32Array {
  const next = new Float32Array(batch * fin);
  for (let n = 0; n < batch; n++) {
    const dOff = n * width;
    for (let i = 0; i < fin; i++) {
      const off = i * width;
      let s = 0;
      for (let j = 0; j < width; j++) s += delta[dOff + j] * w[off + j];
      next[n * fin + i] = s;
    }
  }
  return next;
}

interface ForwardPass {
  weights: Float32Array[];
  /** Every layer's input h_{l-1} and pre-activation z_l, kept for the backward pass. */
  layerInputs: Float32Array[];
  preActs: Float32Array[];
  activationVariance: number[];
  preActivationVariance: number[];
  top: Float32Array;
}

/** Initializes each layer from `rng` (weights then bias, layer by layer) and runs the batch up the stack. */
function forwardPass(options: DeepStackOptions, rng: Rng): ForwardPass {
  const { input, batch, inputDim, depth, width, activation, init } = options;
  const pass: ForwardPass = { weights: [], layerInputs: [], preActs: [], activationVariance: [], preActivationVariance: [], top: input };
  let h = input;
  let fanIn = inputDim;
  for (let l = 0; l < depth; l++) {
    // tfjs layout [in, out], as the project's initializers produce it.
    const w = initWeights(init, [fanIn, width], rng);
    const b = initBias(init, fanIn, width, rng);
    pass.weights.push(w);
    pass.layerInputs.push(h);
    const z = preActivation(h, w, b, batch, fanIn, width);
    pass.preActs.push(z);
    const out = activate(z, activation);
    pass.preActivationVariance.push(variance(z));
    pass.activationVariance.push(variance(out));
    h = out;
    fanIn = width;
  }
  pass.top = h;
  return pass;
}

interface BackwardPass {
  gradientVariance: number[];
  weightGradientVariance: number[];
  /** ∂L/∂input; only computed with keepTensors (layer 1's input gradient is otherwise unused). */
  inputGradient: Float32Array | null;
}

/** Back-propagates `topGradient` (∂L/∂h_depth) down the stack recorded by `forward`. */
function backwardPass(options: DeepStackOptions, forward: ForwardPass, topGradient: Float32Array): BackwardPass {
  const { batch, inputDim, depth, width, activation } = options;
  const gradientVariance = new Array<number>(depth);
  const weightGradientVariance: number[] = options.weightGradients ? new Array<number>(depth) : [];
  let g = topGradient;
  let inputGradient: Float32Array | null = null;
  for (let l = depth - 1; l >= 0; l--) {
    gradientVariance[l] = variance(g);
    const delta = backThroughActivation(g, forward.preActs[l], activation);
    const fin = l === 0 ? inputDim : width;
    if (options.weightGradients) {
      weightGradientVariance[l] = variance(weightGradient(forward.layerInputs[l], delta, batch, fin, width));
    }
    if (l === 0 && !options.keepTensors) break;
    const next = layerInputGradient(delta, forward.weights[l], batch, fin, width);
    if (l === 0) inputGradient = next;
    else g = next;
  }
  return { gradientVariance, weightGradientVariance, inputGradient };
}

export function runDeepStack(options: DeepStackOptions): DeepStackResult {
  check(options);
  const { input, batch, width, seed } = options;
  const rng = new Rng(seed);
  const forward = forwardPass(options, rng);
  // Drawn after all the weights, so a seed gives the same weights whatever the batch size.
  const topGradient = new Float32Array(batch * width);
  for (let i = 0; i < topGradient.length; i++) topGradient[i] = rng.normal();
  const { gradientVariance, weightGradientVariance, inputGradient } = backwardPass(options, forward, topGradient);
  const top = forward.top;
  return {
    inputVariance: variance(input),
    activationVariance: forward.activationVariance,
    preActivationVariance: forward.preActivationVariance,
    gradientVariance,
    weightGradientVariance,
    tensors: options.keepTensors && inputGradient ? { top, topGradient, inputGradient } : undefined,
  };
}
