import { Rng } from '../util/rng';
import { fans } from './fans';

/**
 * Weight initializers for the course CNN (conv 1→10 5×5, conv 10→20 5×5, fc 320→50, fc 50→10).
 *
 * Every scheme is "zero mean, variance chosen from the fans"; only the variance and the
 * distribution (uniform or normal) differ. Uniform variants draw from U(−b, b) with
 * b = √(3·Var), since Var(U(−b, b)) = b²/3. Normal variants draw from a plain (not truncated)
 * N(0, Var).
 */
export type InitializerName =
  | 'pytorch-default'
  | 'xavier-uniform'
  | 'xavier-normal'
  | 'lecun-uniform'
  | 'lecun-normal'
  | 'he-uniform'
  | 'he-normal';

export const INITIALIZERS: readonly InitializerName[] = Object.freeze([
  'pytorch-default',
  'xavier-uniform',
  'xavier-normal',
  'lecun-uniform',
  'lecun-normal',
  'he-uniform',
  'he-normal',
] as const);

function checkFan(what: string, fan: number): void {
  if (!Number.isFinite(fan) || fan <= 0) {
    throw new Error(`src/init/initializers.ts: ${what} must be a positive number, got ${fan}`);
  }
}

/**
 * Target weight variance of each scheme.
 *
 * - `pytorch-default`: 1/(3·fan_in). PyTorch's Conv2d/Linear `reset_parameters` use
 *   kaiming_uniform_(a=√5), which works out to U(−1/√fan_in, 1/√fan_in), variance 1/(3·fan_in).
 * - `xavier-*`: Glorot & Bengio 2010, "Understanding the difficulty of training deep feedforward
 *   neural networks": Var = 2/(fan_in + fan_out), a compromise between keeping forward activations
 *   and backward gradients at constant variance; the uniform form has bound √(6/(fan_in + fan_out)).
 * - `lecun-*`: LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp": Var = 1/fan_in, keeps the
 *   forward variance constant for linear/tanh units. This is what the course's seed report calls
 *   "Xavier" — note it is not Glorot's 2/(fan_in + fan_out).
 * - `he-*`: He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers": Var = 2/fan_in, doubling
 *   LeCun's variance because a ReLU zeroes half of its inputs.
 */
export function weightVariance(name: InitializerName, fanIn: number, fanOut: number): number {
  checkFan('fanIn', fanIn);
  switch (name) {
    case 'pytorch-default':
      return 1 / (3 * fanIn);
    case 'xavier-uniform':
    case 'xavier-normal':
      checkFan('fanOut', fanOut);
      return 2 / (fanIn + fanOut);
    case 'lecun-uniform':
    case 'lecun-normal':
      return 1 / fanIn;
    case 'he-uniform':
    case 'he-normal':
      return 2 / fanIn;
    default:
      throw new Error(`weightVariance (src/init/initializers.ts): unknown initializer ${JSON.stringify(name)}; expected one of ${INITIALIZERS.join(', ')}`);
  }
}

function isNormal(name: InitializerName): boolean {
  return name.endsWith('-normal');
}

/**
 * Samples a weight tensor (flattened, tfjs layout: dense [in, out], conv [kh, kw, cin, cout]) for
 * the given scheme. Uniform variants (including `pytorch-default`) use U(−√(3·Var), √(3·Var));
 * normal variants use N(0, Var). See `weightVariance` for the papers behind each Var.
 */
export function initWeights(name: InitializerName, shape: readonly number[], rng: Rng): Float32Array {
  const { fanIn, fanOut } = fans(shape);
  const variance = weightVariance(name, fanIn, fanOut);
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  if (isNormal(name)) {
    const std = Math.sqrt(variance);
    for (let i = 0; i < size; i++) out[i] = std * rng.normal();
  } else {
    const bound = Math.sqrt(3 * variance);
    for (let i = 0; i < size; i++) out[i] = rng.uniformIn(-bound, bound);
  }
  return out;
}

/**
 * Samples a bias vector. `pytorch-default` reproduces PyTorch's Conv2d/Linear bias init,
 * U(−1/√fan_in, 1/√fan_in); the papers' schemes (Glorot & Bengio 2010, LeCun 1998, He et al.
 * 2015) all set biases to zero, so every other initializer returns zeros and draws nothing
 * from `rng`.
 */
export function initBias(name: InitializerName, fanIn: number, size: number, rng: Rng): Float32Array {
  checkFan('fanIn', fanIn);
  if (!Number.isInteger(size) || size < 0) {
    throw new Error(`initBias (src/init/initializers.ts): size must be a non-negative integer, got ${size}`);
  }
  const out = new Float32Array(size);
  if (name === 'pytorch-default') {
    const bound = 1 / Math.sqrt(fanIn);
    for (let i = 0; i < size; i++) out[i] = rng.uniformIn(-bound, bound);
  } else if (!INITIALIZERS.includes(name)) {
    throw new Error(`initBias (src/init/initializers.ts): unknown initializer ${JSON.stringify(name)}; expected one of ${INITIALIZERS.join(', ')}`);
  }
  return out;
}

/** Parses a CLI/notebook option into an initializer name. */
export function parseInitializer(s: string): InitializerName {
  const t = s.trim().toLowerCase();
  if ((INITIALIZERS as readonly string[]).includes(t)) return t as InitializerName;
  throw new Error(`parseInitializer (src/init/initializers.ts): unknown initializer ${JSON.stringify(s)}; expected one of ${INITIALIZERS.join(', ')}`);
}
