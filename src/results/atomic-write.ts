import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fsErrorMessage, isFsError } from './fs-error';

/**
 * The project's one atomic write (results, the report's HTML and PDF): readers (a plan reusing a
 * record, a browser reloading report.html) see the old content or the new, never a half-written
 * file, and a failed write (full disk, a directory in the way) leaves no temporary file behind; on a
 * full disk, a quota or a read-only file system the content is kept under os.tmpdir() (see rescue).
 * Not model code, so render/ may import it.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const write = options.write ?? writeFileSync;
  const tmp = tmpPathFor(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    write(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    if (isFsError(err) && NO_ROOM.has(err.code)) throw rescue(path, content, err, write);
    throw err;
  }
}

export interface AtomicWriteOptions {
  /** The call that writes the bytes (default writeFileSync); tests pass one that fails as a full disk does. */
  write?: (path: string, content: string | Uint8Array) => void;
}

/** Errors after which the same folder will refuse the content again, so it is kept elsewhere. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/**
 * A record that cannot be written is an hour of training: keep its content under os.tmpdir() (often
 * another file system) and say where, so it can be copied into place once there is room.
 */
function rescue(path: string, content: string | Uint8Array, err: Error & { code: string }, write: NonNullable<AtomicWriteOptions['write']>): Error {
  const fallback = join(tmpdir(), `rescued-${process.pid}-${Date.now()}-${basename(path)}`);
  const why = `${path}: could not be written (${fsErrorMessage(err) ?? err.message})`;
  try {
    write(fallback, content);
  } catch (again) {
    return new Error(`${why}; nor could the fallback copy ${fallback} (${fsErrorMessage(again) ?? String(again)}), so the content is lost`);
  }
  return new Error(`${why}; its content is kept in ${fallback}: move it to ${path} once there is room`);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`);
}

/**
 * The same guarantee for a writer that needs a path rather than bytes (Chromium printing a PDF):
 * `produce` writes the temporary file, which is renamed over `path` once it resolves and removed if
 * it rejects.
 */
export async function writeAtomicVia<T>(path: string, produce: (tmp: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tmpPathFor(path);
  try {
    const result = await produce(tmp);
    renameSync(tmp, path);
    return result;
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The temporary name writeFileAtomic uses beside `path`. */
export function tmpPathFor(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

/**
 * Checks, before any work, that `path` can later be written by writeFileAtomic: not empty, not a
 * directory, and its nearest existing ancestor a directory this process may write in. Creates
 * nothing. `what` names the path in messages (an option such as '--out').
 */
export function assertWritableFile(path: string, what: string): void {
  if (path.trim() === '') throw new Error(`${what} expects a file path, found ${JSON.stringify(path).replace(/"/g, "'")}`);
  const full = resolve(path);
  if (existsSync(full) && statSync(full).isDirectory()) {
    throw new Error(`${what} ${path} is a directory; expected a file path such as ${join(path, 'run.json')}`);
  }
  let dir = dirname(full);
  while (!existsSync(dir)) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) throw new Error(`${what} ${path}: ${dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new Error(`${what} ${path}: cannot write in ${dir} (permission denied)`);
  }
}
