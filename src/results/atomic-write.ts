import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's one atomic write (results, the report's HTML and PDF): readers (a plan reusing a
 * record, a browser reloading report.html) see the old content or the new, never a half-written
 * file, and a failed write (full disk, a directory in the way) leaves no temporary file behind.
 * Not model code, so render/ may import it.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tmpPathFor(path);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
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
