/**
 * Elastic distortion after Simard, Steinkraus & Platt (2003), "Best practices for convolutional
 * neural networks applied to visual document analysis": draw a displacement in [-1, 1] for every
 * pixel (x and y separately), smooth each field with a Gaussian of std σ, scale by α, and resample.
 *
 * σ sets how local the wobble is (small σ → nearly random noise, large σ → nearly a translation);
 * α sets its strength. Simard's α = 34, σ = 4 are the defaults; on 28×28 digits a milder α ≈ 8–12
 * keeps more strokes intact, hence both are parameters.
 */
import { simdKernels } from '../backend/simd/module';
import { Rng } from '../util/rng';
import { smoothFieldsWasm } from './elastic-wasm';
import { IDENTITY_MAP, InverseMap, checkImageArgs, outputFor, warpImage } from './sample';

export interface ElasticParams {
  /** Displacement scale in pixels per unit of smoothed field. */
  alpha: number;
  /** Std of the Gaussian smoothing, in pixels. */
  sigma: number;
}

export const DEFAULT_ELASTIC: Readonly<ElasticParams> = { alpha: 34, sigma: 4 };

export function validateElasticParams(params: ElasticParams, where = 'elastic'): void {
  if (!Number.isFinite(params.alpha) || params.alpha < 0) {
    throw new Error(`${where}: alpha must be a finite number ≥ 0, got ${params.alpha}`);
  }
  if (!Number.isFinite(params.sigma) || params.sigma <= 0) {
    throw new Error(`${where}: sigma must be a finite number > 0, got ${params.sigma}`);
  }
}

/** Normalised 1-D Gaussian taps for offsets −r..r, truncated at r = ceil(3σ). */
export function gaussianKernel(sigma: number): Float64Array {
  if (!Number.isFinite(sigma) || sigma <= 0) throw new Error(`gaussianKernel: sigma must be > 0, got ${sigma}`);
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    k[i + radius] = v;
    sum += v;
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/**
 * Scratch buffers for one image size and σ, so the training loop allocates nothing per image.
 * Not shareable between concurrent callers (there are none in single-threaded JS).
 */
export class ElasticWorkspace {
  readonly kernel: Float64Array;
  readonly dx: Float32Array;
  readonly dy: Float32Array;
  private readonly tmpX: Float64Array;
  private readonly tmpY: Float64Array;
  private readonly accX: Float64Array;
  private readonly accY: Float64Array;

  constructor(
    readonly height: number,
    readonly width: number,
    readonly sigma: number,
  ) {
    if (!Number.isInteger(height) || height < 1 || !Number.isInteger(width) || width < 1) {
      throw new Error(`ElasticWorkspace: height and width must be positive integers, got ${height}×${width}`);
    }
    this.kernel = gaussianKernel(sigma);
    const n = height * width;
    this.dx = new Float32Array(n);
    this.dy = new Float32Array(n);
    this.tmpX = new Float64Array(n);
    this.tmpY = new Float64Array(n);
    this.accX = new Float64Array(width);
    this.accY = new Float64Array(width);
  }

  /**
   * Fill `dx`, `dy` with a fresh displacement field (uniform noise → Gaussian smoothing → ×α).
   * Smoothing treats the outside as zero (as scipy's gaussian_filter(mode="constant") in the common
   * reimplementations), so displacements fade slightly towards the border where there is no ink.
   */
  sample(alpha: number, rng: Rng): void {
    const n = this.height * this.width;
    for (let i = 0; i < n; i++) this.dx[i] = rng.uniformIn(-1, 1);
    for (let i = 0; i < n; i++) this.dy[i] = rng.uniformIn(-1, 1);
    this.smoothBoth(alpha);
  }

  /**
   * Separable Gaussian blur of dx and dy in place, times `scale`. Both fields go through the same
   * loops (half the loop overhead), and the column pass runs along contiguous rows; this is the
   * hot spot of elastic augmentation (~2·H·W·(2r+1) multiply-adds per field).
   */
  private smoothBoth(scale: number): void {
    const { height: h, width: w, kernel: k, dx, dy, tmpX, tmpY, accX, accY } = this;
    const simd = simdKernels();
    if (simd !== null) return smoothFieldsWasm(simd, dx, dy, h, w, k, scale);
    const r = (k.length - 1) >> 1;
    // Rows: d → tmp. Taps t cover source columns x-r+t, clipped to the image.
    for (let y = 0; y < h; y++) {
      const row = y * w;
      for (let x = 0; x < w; x++) {
        const base = x - r;
        const lo = base < 0 ? -base : 0;
        const hi = x + r < w ? 2 * r : w - 1 - base;
        let sx = 0;
        let sy = 0;
        for (let t = lo; t <= hi; t++) {
          const kv = k[t];
          const i = row + base + t;
          sx += kv * dx[i];
          sy += kv * dy[i];
        }
        tmpX[row + x] = sx;
        tmpY[row + x] = sy;
      }
    }
    // Columns: tmp → d, accumulating whole source rows.
    for (let y = 0; y < h; y++) {
      const base = y - r;
      const lo = base < 0 ? -base : 0;
      const hi = y + r < h ? 2 * r : h - 1 - base;
      accX.fill(0);
      accY.fill(0);
      for (let t = lo; t <= hi; t++) {
        const kv = k[t];
        const src = (base + t) * w;
        for (let x = 0; x < w; x++) {
          accX[x] += kv * tmpX[src + x];
          accY[x] += kv * tmpY[src + x];
        }
      }
      const row = y * w;
      for (let x = 0; x < w; x++) {
        dx[row + x] = accX[x] * scale;
        dy[row + x] = accY[x] * scale;
      }
    }
  }
}

/**
 * Elastic-distort one image. `map` (default identity) lets a caller fold an affine warp into the
 * same resampling; see warpImage. Pass a workspace to avoid per-call allocation.
 */
export function elasticImage(
  image: Float32Array,
  height: number,
  width: number,
  params: ElasticParams,
  rng: Rng,
  background: number,
  out?: Float32Array,
  workspace?: ElasticWorkspace,
  map: InverseMap = IDENTITY_MAP,
): Float32Array {
  checkImageArgs('elasticImage', image, 1, height, width, background);
  validateElasticParams(params, 'elasticImage');
  const dst = outputFor('elasticImage', out, height * width);
  if (dst === image) throw new Error('elasticImage: out must not alias the input image');
  const ws = workspaceFor(workspace, height, width, params.sigma);
  ws.sample(params.alpha, rng);
  warpImage(image, 0, dst, 0, height, width, map, background, ws.dx, ws.dy);
  return dst;
}

/** Reuse `ws` if it matches the size and σ; a mismatched one is a caller bug worth reporting. */
export function workspaceFor(ws: ElasticWorkspace | undefined, height: number, width: number, sigma: number): ElasticWorkspace {
  if (ws === undefined) return new ElasticWorkspace(height, width, sigma);
  if (ws.height !== height || ws.width !== width || ws.sigma !== sigma) {
    throw new Error(
      `elastic: workspace is for ${ws.height}×${ws.width}, σ=${ws.sigma}, but called with ${height}×${width}, σ=${sigma}`,
    );
  }
  return ws;
}
