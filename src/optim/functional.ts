/**
 * First-order optimizers on any differentiable function f: Rⁿ → R, written exactly as the course's
 * seed report writes them, so notebooks can run them on quadratics and Rosenbrock and compare
 * trajectories. The model-training counterpart is `tf-optimizer.ts`; the two agree up to the change
 * of variables documented there (and checked in test/optim/nag-equivalence.test.ts).
 *
 * With learning rate ε and momentum μ:
 *   sgd:       θ ← θ − ε∇f(θ)
 *   momentum:  v ← μv − ε∇f(θ);        θ ← θ + v        (Polyak 1964, heavy ball)
 *   nesterov:  v ← μv − ε∇f(θ + μv);   θ ← θ + v        (Nesterov 1983, as in Sutskever et al. 2013)
 */
export interface OptimizerConfig {
  kind: 'sgd' | 'momentum' | 'nesterov';
  lr: number;
  momentum?: number;
}

export interface OptimizerState {
  theta: Float64Array;
  velocity: Float64Array;
  step: number;
}

export type GradientFn = (theta: Float64Array) => Float64Array;

export interface RunOptions {
  iterations: number;
  /** Evaluated at every iterate, including θ₀, to fill `losses`. */
  loss?: (theta: Float64Array) => number;
  /** `iterationsToTolerance` is the first k with loss(θ_k) ≤ tolerance; needs `loss`. */
  tolerance?: number;
}

export interface RunResult {
  /** θ₀, θ₁, …, θ_iterations (iterations + 1 entries; θ₀ is a copy). */
  thetas: Float64Array[];
  /** loss(θ_k) for each entry of `thetas`, or empty if no `loss` was given. */
  losses: number[];
  /** First k with loss(θ_k) ≤ tolerance, or null if never reached (or no tolerance was given). */
  iterationsToTolerance: number | null;
}

const KINDS = ['sgd', 'momentum', 'nesterov'] as const;

/**
 * Throws a descriptive error unless lr > 0 and (for momentum/nesterov) μ ∈ [0, 1).
 * Returns μ (0 for sgd) so callers do not re-read the optional field.
 */
export function validateConfig(config: OptimizerConfig): number {
  const where = 'optimizer config (src/optim/functional.ts)';
  if (!(KINDS as readonly string[]).includes(config.kind)) {
    throw new Error(`${where}: kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(config.kind)}`);
  }
  if (typeof config.lr !== 'number' || !Number.isFinite(config.lr) || config.lr <= 0) {
    throw new Error(`${where}: lr must be a finite number > 0, got ${config.lr}`);
  }
  if (config.kind === 'sgd') {
    if (config.momentum !== undefined && config.momentum !== 0) {
      throw new Error(`${where}: kind 'sgd' takes no momentum, got momentum ${config.momentum}; use kind 'momentum' or 'nesterov'`);
    }
    return 0;
  }
  const mu = config.momentum;
  if (mu === undefined) {
    throw new Error(`${where}: kind '${config.kind}' needs a momentum in [0, 1), got none`);
  }
  if (typeof mu !== 'number' || !Number.isFinite(mu) || mu < 0 || mu >= 1) {
    throw new Error(`${where}: momentum must be in [0, 1), got ${mu}`);
  }
  return mu;
}

export function initState(theta0: Float64Array): OptimizerState {
  return { theta: Float64Array.from(theta0), velocity: new Float64Array(theta0.length), step: 0 };
}

function gradientAt(grad: GradientFn, point: Float64Array): Float64Array {
  const g = grad(point);
  if (g.length !== point.length) {
    throw new Error(`optimizer (src/optim/functional.ts): gradient has length ${g.length}, expected ${point.length} (the length of theta)`);
  }
  return g;
}

/** One update. Pure: the input state and its arrays are not modified. */
export function step(config: OptimizerConfig, state: OptimizerState, grad: GradientFn): OptimizerState {
  const mu = validateConfig(config);
  const lr = config.lr;
  const { theta, velocity } = state;
  const n = theta.length;
  const nextTheta = new Float64Array(n);
  const nextVelocity = new Float64Array(n);

  if (config.kind === 'sgd') {
    const g = gradientAt(grad, Float64Array.from(theta));
    for (let i = 0; i < n; i++) nextTheta[i] = theta[i] - lr * g[i];
  } else {
    let at = theta;
    if (config.kind === 'nesterov') {
      // The gradient is taken at the look-ahead point θ + μv, where momentum alone would carry θ.
      at = new Float64Array(n);
      for (let i = 0; i < n; i++) at[i] = theta[i] + mu * velocity[i];
    }
    const g = gradientAt(grad, Float64Array.from(at));
    for (let i = 0; i < n; i++) {
      nextVelocity[i] = mu * velocity[i] - lr * g[i];
      nextTheta[i] = theta[i] + nextVelocity[i];
    }
  }
  return { theta: nextTheta, velocity: nextVelocity, step: state.step + 1 };
}

/** Runs `iterations` steps from θ₀ (with v₀ = 0) and records the trajectory. */
export function run(config: OptimizerConfig, theta0: Float64Array, grad: GradientFn, options: RunOptions): RunResult {
  validateConfig(config);
  const { iterations, loss, tolerance } = options;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new Error(`run (src/optim/functional.ts): iterations must be a non-negative integer, got ${iterations}`);
  }
  if (tolerance !== undefined && loss === undefined) {
    throw new Error(`run (src/optim/functional.ts): tolerance ${tolerance} was given without a loss function to compare it with`);
  }
  let state = initState(theta0);
  const thetas: Float64Array[] = [Float64Array.from(state.theta)];
  const losses: number[] = [];
  let iterationsToTolerance: number | null = null;
  const record = (k: number, theta: Float64Array): void => {
    if (!loss) return;
    const value = loss(theta);
    losses.push(value);
    if (iterationsToTolerance === null && tolerance !== undefined && value <= tolerance) iterationsToTolerance = k;
  };
  record(0, state.theta);
  // Keep going after the tolerance is reached so plots show the whole trajectory.
  for (let k = 1; k <= iterations; k++) {
    state = step(config, state, grad);
    thetas.push(state.theta);
    record(k, state.theta);
  }
  return { thetas, losses, iterationsToTolerance };
}
