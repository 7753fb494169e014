/**
 * A reader for LeCun's IDX format (the container of the MNIST files), raw or gzip-compressed.
 *
 * We read the bytes ourselves instead of trusting a package's loader so that every way a file can
 * be wrong (other file, cut download, extra bytes) fails loudly with the file's name, rather than
 * silently shifting every image by a few pixels.
 *
 * Layout: int32 big-endian magic = 0x0000 | type (0x08 = unsigned byte) | number of dimensions,
 * then one int32 big-endian size per dimension, then the payload in row-major order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { plural } from '../util/plural';

/** Unsigned bytes, 1 dimension: a label file. */
export const IDX_LABELS_MAGIC = 2049;
/** Unsigned bytes, 3 dimensions (count, rows, cols): an image file. */
export const IDX_IMAGES_MAGIC = 2051;

export type IdxMagic = typeof IDX_LABELS_MAGIC | typeof IDX_IMAGES_MAGIC;

export interface IdxArray {
  /** Where the bytes came from; used in every error message. */
  path: string;
  magic: IdxMagic;
  /** [count] for labels, [count, rows, cols] for images. */
  dims: number[];
  /** The payload, a copy that owns its buffer (byteOffset 0), length = product of dims. */
  data: Uint8Array;
}

function describeMagic(magic: number): string {
  if (magic === IDX_LABELS_MAGIC) return `${magic} (labels)`;
  if (magic === IDX_IMAGES_MAGIC) return `${magic} (images)`;
  return `${magic} (0x${(magic >>> 0).toString(16).padStart(8, '0')})`;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Returns the IDX bytes of `bytes`, gunzipping them when the name ends in `.gz` or the content
 * starts with the gzip magic 1f 8b (an IDX file always starts with 00 00, so there is no clash).
 */
export function decompressIfGzip(bytes: Uint8Array, path: string): Uint8Array {
  const gzName = path.toLowerCase().endsWith('.gz');
  if (!isGzip(bytes)) {
    if (gzName) {
      const found = Array.from(bytes.subarray(0, 2), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new Error(`${path}: expected gzip data (name ends in .gz) starting with bytes 1f 8b, found ${found || 'an empty file'}`);
    }
    return bytes;
  }
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new Error(`${path}: expected a valid gzip stream, found a corrupt one (${(err as Error).message})`);
  }
}

/**
 * Parses IDX bytes (already decompressed). With `expectedMagic`, any other file type is an error;
 * without it, labels and images are both accepted.
 */
export function parseIdx(bytes: Uint8Array, path: string, expectedMagic?: IdxMagic): IdxArray {
  if (bytes.length < 4) {
    throw new Error(`${path}: file is truncated: expected at least a 4-byte IDX header, found ${plural(bytes.length, 'byte')}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getInt32(0, false);
  if (expectedMagic !== undefined && magic !== expectedMagic) {
    throw new Error(`${path}: expected magic number ${describeMagic(expectedMagic)}, found ${describeMagic(magic)}`);
  }
  if (magic !== IDX_LABELS_MAGIC && magic !== IDX_IMAGES_MAGIC) {
    throw new Error(`${path}: expected magic number ${describeMagic(IDX_LABELS_MAGIC)} or ${describeMagic(IDX_IMAGES_MAGIC)}, found ${describeMagic(magic)}`);
  }
  const ndim = magic & 0xff;
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new Error(`${path}: file is truncated: expected a header of ${plural(headerBytes, 'byte')} for ${plural(ndim, 'dimension')}, found ${plural(bytes.length, 'byte')}`);
  }
  const dims: number[] = [];
  for (let d = 0; d < ndim; d++) {
    const size = view.getInt32(4 + 4 * d, false);
    if (size < 0) throw new Error(`${path}: expected non-negative dimension ${d}, found ${size}`);
    dims.push(size);
  }
  const expected = dims.reduce((a, b) => a * b, 1);
  const found = bytes.length - headerBytes;
  const what = magic === IDX_IMAGES_MAGIC ? 'pixels' : 'labels';
  if (found < expected) {
    throw new Error(`${path}: file is truncated: header says ${dims.join('x')} = ${plural(expected, 'byte')} of ${what}, found ${found}`);
  }
  if (found > expected) {
    throw new Error(`${path}: file is oversized: header says ${dims.join('x')} = ${plural(expected, 'byte')} of ${what}, found ${found} (${found - expected} extra)`);
  }
  // Copy into a plain Uint8Array: Buffer#slice would return a view into the whole file (or into
  // Node's shared pool for small files), and tfjs and workers want a tight buffer at byteOffset 0.
  return { path, magic: magic as IdxMagic, dims, data: new Uint8Array(bytes.subarray(headerBytes)) };
}

/** Reads a file's IDX bytes, gunzipped when needed (the content the MNIST checksums refer to). */
export function readIdxBytes(path: string): Uint8Array {
  if (!existsSync(path)) throw new Error(`IDX file not found: expected a file at ${path}, found nothing`);
  return decompressIfGzip(readFileSync(path), path);
}

/** Reads and parses one IDX file (raw or .gz). */
export function readIdxFile(path: string, expectedMagic?: IdxMagic): IdxArray {
  return parseIdx(readIdxBytes(path), path, expectedMagic);
}

/** Serializes an IDX array; the inverse of parseIdx, used to write fixtures. */
export function encodeIdx(magic: IdxMagic, dims: number[], data: Uint8Array): Buffer {
  const ndim = magic & 0xff;
  if (dims.length !== ndim) throw new Error(`encodeIdx: magic ${describeMagic(magic)} expects ${plural(ndim, 'dimension')}, found ${dims.length}`);
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) throw new Error(`encodeIdx: dims ${dims.join('x')} need ${plural(expected, 'byte')}, found ${data.length}`);
  const out = Buffer.alloc(4 + 4 * ndim + data.length);
  out.writeInt32BE(magic, 0);
  dims.forEach((d, i) => out.writeInt32BE(d, 4 + 4 * i));
  out.set(data, 4 + 4 * ndim);
  return out;
}
