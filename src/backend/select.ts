/**
 * Picks the fastest tfjs backend that loads here: tfjs-node (libtensorflow), else wasm with our
 * Conv2DBackpropFilter, else the plain-JS cpu backend (correct, but ~70x slower to train a CNN).
 *
 * TFJS_BACKEND=node|wasm|cpu forces one; an argument to initBackend wins over the variable.
 * A forced backend that cannot load is an error, never a silent fallback, so a run never reports
 * numbers from a backend it did not ask for.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmConv2DBackpropFilter } from './conv2d-backprop-filter-wasm';
import { registerWasmConv2DBackpropInput } from './conv2d-backprop-input-wasm';
import { registerWasmMaxPoolGrad } from './max-pool-grad-wasm';

export type BackendName = 'node' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  tfjsVersion: string;
  /** Human-readable, e.g. 'wasm simd, 1 thread, custom Conv2DBackpropFilter'. */
  detail: string;
}

export const BACKEND_NAMES: readonly BackendName[] = ['node', 'wasm', 'cpu'];

/** The name each of our choices is registered under in the tfjs engine. */
const TFJS_NAME: Record<BackendName, string> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

let current: BackendInfo | null = null;
let inFlight: { key: string; promise: Promise<BackendInfo> } | null = null;

function parseName(value: string, source: string): BackendName {
  const v = value.trim().toLowerCase();
  if ((BACKEND_NAMES as readonly string[]).includes(v)) return v as BackendName;
  throw new Error(`${source}: expected one of ${BACKEND_NAMES.join(', ')}, found ${JSON.stringify(value)}`);
}

/** Why a backend could not be made active; `missing` means "not installed", not "broken". */
class LoadFailure extends Error {
  constructor(message: string, readonly missing = false) {
    super(message);
  }
}

async function activate(tfjsName: string): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(tfjsName);
  } catch (e) {
    throw new LoadFailure(`tf.setBackend('${tfjsName}') threw: ${(e as Error).message}`);
  }
  if (!ok) throw new LoadFailure(`tf.setBackend('${tfjsName}') failed to initialise the backend`);
  await tf.ready();
}

async function loadNode(): Promise<BackendInfo> {
  let mod: { version?: Record<string, string> };
  try {
    // require, not import: the package is optional, and a static import would fail to resolve.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('@tensorflow/tfjs-node');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'MODULE_NOT_FOUND' && /@tensorflow\/tfjs-node/.test(err.message)) {
      throw new LoadFailure(
        '@tensorflow/tfjs-node is not installed (it is an optional dependency whose install needs to download libtensorflow)', true);
    }
    throw new LoadFailure(`@tensorflow/tfjs-node is installed but failed to load: ${err.message}`);
  }
  if (tf.findBackend(TFJS_NAME.node) === null) {
    throw new LoadFailure(
      '@tensorflow/tfjs-node loaded, but its backend is not in our tfjs engine (two copies of @tensorflow/tfjs-core?)');
  }
  await activate(TFJS_NAME.node);
  const version = mod.version?.['tfjs-node'] ?? 'unknown version';
  return { name: 'node', tfjsVersion: tf.version.tfjs, detail: `tfjs-node ${version} (libtensorflow, native threads)` };
}

async function loadWasm(): Promise<BackendInfo> {
  const ours = registerWasmConv2DBackpropFilter();
  // Replaces wasm's scalar-loop input gradient, ~6x slower than the forward conv it mirrors.
  registerWasmConv2DBackpropInput();
  // wasm's MaxPoolGrad is a scalar loop over every (pixel, window) pair; ours is one pass in JS.
  registerWasmMaxPoolGrad();
  await activate(TFJS_NAME.wasm);
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'simd' : 'no simd';
  const threads = getThreadsCount();
  const kernel = ours ? 'custom Conv2DBackpropFilter and Conv2DBackpropInput' : 'Conv2DBackpropFilter registered elsewhere, custom Conv2DBackpropInput';
  return {
    name: 'wasm',
    tfjsVersion: tf.version.tfjs,
    // tfjs-wasm turns its own threads off in Node; our worker threads (src/parallel) are counted apart.
    detail: `wasm ${simd}, ${threads} internal thread${threads === 1 ? '' : 's'}, ${kernel}`,
  };
}

async function loadCpu(): Promise<BackendInfo> {
  await activate(TFJS_NAME.cpu);
  return { name: 'cpu', tfjsVersion: tf.version.tfjs, detail: 'cpu (plain JavaScript kernels, slow conv gradients)' };
}

const LOADERS: Record<BackendName, () => Promise<BackendInfo>> = { node: loadNode, wasm: loadWasm, cpu: loadCpu };

async function choose(forced: BackendName | undefined, prefix: string): Promise<BackendInfo> {
  if (forced !== undefined) {
    try {
      return await LOADERS[forced]();
    } catch (e) {
      const others = BACKEND_NAMES.filter((b) => b !== forced).join(' or ');
      throw new Error(`${prefix}: ${(e as Error).message}; use ${others}`);
    }
  }
  const skipped: string[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      const info = await LOADERS[name]();
      // A broken install is worth seeing in reports; a merely absent optional package is not.
      return skipped.length === 0 ? info : { ...info, detail: `${info.detail} (skipped ${skipped.join('; ')})` };
    } catch (e) {
      if (!(e instanceof LoadFailure)) throw e;
      if (!e.missing) skipped.push(`${name}: ${e.message}`);
    }
  }
  throw new Error(`initBackend: no tfjs backend could be loaded (${skipped.join('; ')})`);
}

/**
 * Makes the chosen backend active and returns what it is. Cheap to call again: with nothing new
 * forced, it returns the backend already chosen.
 */
export async function initBackend(forced?: BackendName): Promise<BackendInfo> {
  let name: BackendName | undefined;
  let prefix = '';
  if (forced !== undefined) {
    name = parseName(forced, 'initBackend(forced)');
    prefix = `initBackend('${name}')`;
  } else {
    const env = process.env.TFJS_BACKEND;
    if (env !== undefined && env.trim() !== '') {
      name = parseName(env, 'TFJS_BACKEND');
      prefix = `TFJS_BACKEND=${name}`;
    }
  }

  if (current !== null && (name === undefined || name === current.name) && tf.getBackend() === TFJS_NAME[current.name]) {
    return current;
  }
  const key = name ?? 'auto';
  if (inFlight !== null && inFlight.key === key) return inFlight.promise;
  const promise = choose(name, prefix).then(
    (info) => {
      current = info;
      return info;
    },
  ).finally(() => {
    if (inFlight?.promise === promise) inFlight = null;
  });
  inFlight = { key, promise };
  return promise;
}

/** The backend chosen by the last completed initBackend call. */
export function currentBackend(): BackendInfo {
  if (current === null) throw new Error('currentBackend(): no backend chosen yet; await initBackend() first');
  return current;
}
