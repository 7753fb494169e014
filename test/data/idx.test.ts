import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx, readIdxFile } from '../../src/data/idx';

let dir = '';
before(() => { dir = mkdtempSync(join(tmpdir(), 'idx-test-')); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

const labels = Uint8Array.from([5, 0, 4, 1, 9, 2, 1]);
const pixels = Uint8Array.from({ length: 3 * 4 * 2 }, (_, i) => (i * 37) % 256);

test('labels and images round-trip through raw and .gz files', () => {
  const lab = encodeIdx(IDX_LABELS_MAGIC, [labels.length], labels);
  const img = encodeIdx(IDX_IMAGES_MAGIC, [3, 4, 2], pixels);
  // The first 8 bytes are exactly the MNIST header layout.
  assert.deepEqual([...lab.subarray(0, 8)], [0, 0, 8, 1, 0, 0, 0, 7]);
  const files: Array<[string, Buffer]> = [
    ['labels', lab], ['labels.gz', gzipSync(lab)], ['images', img], ['images.gz', gzipSync(img)],
    ['images-gz-without-suffix', gzipSync(img)],
  ];
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  for (const name of ['labels', 'labels.gz']) {
    const a = readIdxFile(join(dir, name), IDX_LABELS_MAGIC);
    assert.equal(a.magic, IDX_LABELS_MAGIC);
    assert.deepEqual(a.dims, [7]);
    assert.deepEqual(a.data, labels);
    assert.equal(a.data.byteOffset, 0);
  }
  for (const name of ['images', 'images.gz', 'images-gz-without-suffix']) {
    const a = readIdxFile(join(dir, name));
    assert.equal(a.magic, IDX_IMAGES_MAGIC);
    assert.deepEqual(a.dims, [3, 4, 2]);
    assert.deepEqual(a.data, pixels);
  }
});

test('a wrong magic number names the file, the expected and the found magic', () => {
  const path = join(dir, 'train-images-idx3-ubyte');
  writeFileSync(path, encodeIdx(IDX_LABELS_MAGIC, [labels.length], labels));
  assert.throws(() => readIdxFile(path, IDX_IMAGES_MAGIC), (e: Error) => {
    assert.equal(e.message, `${path}: expected magic number 2051 (images), found 2049 (labels)`);
    return true;
  });
  assert.throws(() => parseIdx(Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 0]), 'x.idx'), /x\.idx: expected magic number 2049 \(labels\) or 2051 \(images\), found 2050/);
});

test('a truncated file is an error giving both sizes', () => {
  const full = encodeIdx(IDX_IMAGES_MAGIC, [3, 4, 2], pixels);
  const path = join(dir, 'cut-images');
  writeFileSync(path, full.subarray(0, full.length - 5));
  assert.throws(() => readIdxFile(path, IDX_IMAGES_MAGIC), (e: Error) => {
    assert.equal(e.message, `${path}: file is truncated: header says 3x4x2 = 24 bytes of pixels, found 19`);
    return true;
  });
  // Cut inside the header.
  assert.throws(() => parseIdx(full.subarray(0, 10), 'h'), /h: file is truncated: expected a header of 16 bytes for 3 dimensions, found 10 bytes/);
  // Probe 21.9: a count of one takes the singular ("1 dimension", "1 byte"), not "1 dimension(s)" or "1 bytes".
  const oneDim = encodeIdx(IDX_LABELS_MAGIC, [2], Uint8Array.of(3, 4));
  assert.throws(() => parseIdx(oneDim.subarray(0, 5), 'l'), /l: file is truncated: expected a header of 8 bytes for 1 dimension, found 5 bytes$/);
  assert.throws(() => parseIdx(Uint8Array.of(0), 'o'), /o: file is truncated: expected at least a 4-byte IDX header, found 1 byte$/);
  assert.throws(() => parseIdx(new Uint8Array(0), 'e'), /e: file is truncated/);
  // A cut gzip stream is reported too.
  const gz = join(dir, 'cut.gz');
  const z = gzipSync(full);
  writeFileSync(gz, z.subarray(0, z.length - 8));
  assert.throws(() => readIdxFile(gz), new RegExp(`${gz.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: expected a valid gzip stream`));
});

test('an oversized file is an error too', () => {
  const full = encodeIdx(IDX_LABELS_MAGIC, [labels.length], labels);
  const path = join(dir, 'long-labels');
  writeFileSync(path, Buffer.concat([full, Buffer.from([1, 2])]));
  assert.throws(() => readIdxFile(path, IDX_LABELS_MAGIC), (e: Error) => {
    assert.equal(e.message, `${path}: file is oversized: header says 7 = 7 bytes of labels, found 9 (2 extra)`);
    return true;
  });
});

test('a .gz name with non-gzip content and a missing file are errors naming the path', () => {
  const path = join(dir, 'fake.gz');
  writeFileSync(path, encodeIdx(IDX_LABELS_MAGIC, [labels.length], labels));
  assert.throws(() => readIdxFile(path), /fake\.gz: expected gzip data .* found 00 00/);
  const missing = join(dir, 'nope');
  assert.throws(() => readIdxFile(missing), (e: Error) => e.message.includes(missing) && /not found/.test(e.message));
});
