// node:fs for the live kernel (a Web Worker): the report's own files served beside the page, read with
// synchronous XHR (allowed in workers), so the library's synchronous reads (MNIST, frozen results, the
// sources that key the results) run unchanged, with the same checks as in Node. The build lists every
// served file with its size in fs/manifest.json. Writes stay in memory for the life of the worker.
import { dirname, resolve } from './node-path';

/** Where the virtual /repo is served from; set by the kernel before the first cell runs. */
export const VFS = { base: '', root: '/repo' };

let manifest: Map<string, number> | undefined;
const written = new Map<string, Uint8Array>();
const removed = new Set<string>();
const madeDirs = new Set<string>();

function fsError(code: string, syscall: string, path: string): Error {
  const e = new Error(`${code}: ${code === 'ENOENT' ? 'no such file or directory' : 'not supported in the live report'}, ${syscall} '${path}'`) as Error & { code: string; path: string; syscall: string };
  e.code = code;
  e.path = path;
  e.syscall = syscall;
  return e;
}

function get(url: string): Uint8Array {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false);
  xhr.responseType = 'arraybuffer';
  xhr.send();
  if (xhr.status !== 200 && xhr.status !== 0) throw new Error(`GET ${url}: HTTP ${xhr.status}`);
  return new Uint8Array(xhr.response as ArrayBuffer);
}

function files(): Map<string, number> {
  if (manifest === undefined) {
    const list = JSON.parse(new TextDecoder().decode(get(`${VFS.base}manifest.json`))) as Record<string, number>;
    manifest = new Map(Object.entries(list).map(([rel, size]) => [`${VFS.root}/${rel}`, size]));
  }
  return manifest;
}

function isFile(p: string): boolean {
  return written.has(p) || (!removed.has(p) && files().has(p));
}

function isDir(p: string): boolean {
  if (p === '/' || madeDirs.has(p)) return true;
  const prefix = `${p}/`;
  for (const f of files().keys()) if (f.startsWith(prefix) && !removed.has(f)) return true;
  for (const f of written.keys()) if (f.startsWith(prefix)) return true;
  return false;
}

export function existsSync(path: string): boolean {
  const p = resolve(path);
  return isFile(p) || isDir(p);
}

export function statSync(path: string, opts?: { throwIfNoEntry?: boolean }): unknown {
  const p = resolve(path);
  const file = isFile(p);
  if (!file && !isDir(p)) {
    if (opts?.throwIfNoEntry === false) return undefined;
    throw fsError('ENOENT', 'stat', path);
  }
  const size = written.get(p)?.length ?? files().get(p) ?? 0;
  return { size: file ? size : 0, isFile: () => file, isDirectory: () => !file, mtimeMs: 0, mtime: new Date(0) };
}

export const lstatSync = statSync;

export function readdirSync(path: string): string[] {
  const p = resolve(path);
  if (!isDir(p)) throw fsError('ENOENT', 'scandir', path);
  const names = new Set<string>();
  const prefix = `${p}/`;
  for (const f of [...files().keys(), ...written.keys(), ...madeDirs]) {
    if (!f.startsWith(prefix) || removed.has(f)) continue;
    names.add(f.slice(prefix.length).split('/')[0]!);
  }
  return [...names].sort();
}

export function readFileSync(path: string, encoding?: string | { encoding?: string }): Uint8Array | string {
  const p = resolve(path);
  let bytes = written.get(p);
  if (bytes === undefined) {
    if (!isFile(p)) throw fsError(isDir(p) ? 'EISDIR' : 'ENOENT', 'open', path);
    bytes = get(`${VFS.base}${p.slice(VFS.root.length + 1)}`);
    if (bytes.length !== files().get(p)) throw new Error(`${path}: expected ${files().get(p)} bytes as listed by the live report's manifest, found ${bytes.length}`);
  }
  const enc = typeof encoding === 'string' ? encoding : encoding?.encoding;
  return enc ? new TextDecoder().decode(bytes) : bytes;
}

export function writeFileSync(path: string, data: string | Uint8Array): void {
  const p = resolve(path);
  written.set(p, typeof data === 'string' ? new TextEncoder().encode(data) : Uint8Array.from(data));
  removed.delete(p);
}

export function renameSync(from: string, to: string): void {
  const data = readFileSync(from) as Uint8Array;
  rmSync(from);
  writeFileSync(to, data);
}

export function rmSync(path: string, opts?: { force?: boolean }): void {
  const p = resolve(path);
  if (!isFile(p)) {
    if (opts?.force) return;
    throw fsError('ENOENT', 'rm', path);
  }
  written.delete(p);
  removed.add(p);
}

export const unlinkSync = (path: string): void => rmSync(path);

export function mkdirSync(path: string): void {
  for (let p = resolve(path); p !== '/' && !madeDirs.has(p); p = dirname(p)) madeDirs.add(p);
}

export function accessSync(path: string): void {
  if (!existsSync(path)) throw fsError('ENOENT', 'access', path);
}

// File descriptors: only the run lock and the summary's lock use them, for exclusive creation.
const fds = new Map<number, string>();
export function openSync(path: string, flags = 'r'): number {
  const p = resolve(path);
  if (flags.includes('x') && isFile(p)) throw fsError('EEXIST', 'open', path);
  if (flags.includes('w') || flags.includes('x')) writeFileSync(p, '');
  const fd = 100 + fds.size;
  fds.set(fd, p);
  return fd;
}
export function writeSync(fd: number, data: string): number {
  const p = fds.get(fd);
  if (p === undefined) throw fsError('EBADF', 'write', String(fd));
  const before = (written.get(p) ?? new Uint8Array()) as Uint8Array;
  const add = new TextEncoder().encode(data);
  const next = new Uint8Array(before.length + add.length);
  next.set(before);
  next.set(add, before.length);
  written.set(p, next);
  return add.length;
}
export function closeSync(fd: number): void {
  fds.delete(fd);
}

export const constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };

export default {
  existsSync, statSync, lstatSync, readdirSync, readFileSync, writeFileSync, renameSync, rmSync, unlinkSync,
  mkdirSync, accessSync, openSync, writeSync, closeSync, constants,
};
