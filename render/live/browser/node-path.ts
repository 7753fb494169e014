// node:path for the browser bundle: the POSIX subset the library uses, over the virtual file system's
// absolute paths (/repo/...). The live kernel has no working directory other than the notebooks' folder.
export const sep = '/';
export const delimiter = ':';

function normalizeParts(parts: string[], absolute: boolean): string {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(p);
  }
  const body = out.join('/');
  return absolute ? `/${body}` : body || '.';
}

export function normalize(p: string): string {
  const n = normalizeParts(p.split('/'), p.startsWith('/'));
  return p.endsWith('/') && !n.endsWith('/') && n !== '.' ? `${n}/` : n;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

/** The kernel's working directory, as tslab's: the notebooks' folder. */
export const CWD = '/repo/notebooks';

export function resolve(...parts: string[]): string {
  let path = '';
  for (let i = parts.length - 1; i >= 0 && !path.startsWith('/'); i--) path = parts[i] ? `${parts[i]}/${path}` : path;
  if (!path.startsWith('/')) path = `${CWD}/${path}`;
  return normalizeParts(path.split('/'), true);
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function dirname(p: string): string {
  const n = normalizeParts(p.split('/'), p.startsWith('/'));
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : n.slice(0, i);
}

export function basename(p: string, ext?: string): string {
  const base = normalizeParts(p.split('/'), p.startsWith('/')).split('/').pop() ?? '';
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}

export function extname(p: string): string {
  const base = basename(p);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i);
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export const posix = { sep, delimiter, normalize, join, resolve, isAbsolute, dirname, basename, extname, relative };
export default posix;
