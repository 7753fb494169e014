// The live report's two scripts, built with esbuild: worker.js (the kernel: src/ + tfjs + the wasm
// backend + our kernels + TypeScript, as the notebooks import them) and page.js (the page: cells'
// controls and the static report's own output renderers). Built once per `npm run report` and reused
// while no input changed: the key hashes every file the last build read, so a re-render costs a hash.
// Builds live in node_modules/.cache/live-report/, shared by every --out (tests render to many).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { writeFileAtomic } from '../../src/results/atomic-write';
import { ReportError } from '../errors';

const REPO = resolve(__dirname, '..', '..');
const BROWSER = join(__dirname, 'browser');
const CACHE = join(REPO, 'node_modules', '.cache', 'live-report');
/** LIVE_DEBUG=1 keeps the bundles readable (unminified), to find where a browser error comes from. */
const MINIFY = process.env.LIVE_DEBUG !== '1';
/** Raise when the build's options change in a way the input files do not show. */
const FORMAT = 1;

/** Node modules the library or its dependencies import, and the browser file that stands in for each. */
const SHIMS: Record<string, string> = {
  fs: 'node-fs', path: 'node-path', crypto: 'node-crypto', os: 'node-os', util: 'node-util',
  assert: 'node-assert', 'assert/strict': 'node-assert',
  worker_threads: 'node-unavailable', zlib: 'node-unavailable', readline: 'node-unavailable', 'readline/promises': 'node-unavailable',
  inspector: 'node-unavailable', perf_hooks: 'node-unavailable', child_process: 'node-unavailable', module: 'node-unavailable', buffer: 'node-unavailable',
};
const SHIM_FILTER = new RegExp(`^(node:)?(${Object.keys(SHIMS).map((s) => s.replace('/', '\\/')).join('|')})$`);

function shimPlugin(): esbuild.Plugin {
  return {
    name: 'node-shims',
    setup(build) {
      build.onResolve({ filter: SHIM_FILTER }, (args) => ({ path: join(BROWSER, `${SHIMS[args.path.replace(/^node:/, '')]}.ts`) }));
      // The one optional native package: absent in a browser, as `require` of it says at run time.
      build.onResolve({ filter: /^@tensorflow\/tfjs-node$/ }, () => ({ path: '@tensorflow/tfjs-node', external: true }));
      // __dirname of a library file, as in Node but under the virtual /repo the kernel's fs serves.
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!args.path.startsWith(`${REPO}/src/`) || !text.includes('__dirname')) return undefined;
        return { contents: `const __dirname = ${JSON.stringify(`/repo/${relative(REPO, dirname(args.path))}`)};\n${text}`, loader: 'ts' };
      });
    },
  };
}

/** `live:registry`: every module the notebooks import, by the specifier they use. */
function registryPlugin(specifiers: string[]): esbuild.Plugin {
  return {
    name: 'live-registry',
    setup(build) {
      build.onResolve({ filter: /^live:registry$/ }, () => ({ path: 'registry', namespace: 'live' }));
      build.onLoad({ filter: /.*/, namespace: 'live' }, () => ({
        resolveDir: REPO,
        loader: 'js',
        contents: `${specifiers.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`).join('\n')}
export const modules = {${specifiers.map((s, i) => `${JSON.stringify(s)}: m${i}`).join(', ')}};`,
      }));
    },
  };
}

export interface BundleResult {
  /** Bytes of worker.js and page.js. */
  sizes: Record<string, number>;
  /** True when the previous build was still valid. */
  reused: boolean;
}

interface Stamp { key: string; inputs: string[] }

/** What decides a build besides its input files: one cache folder each. */
function buildIdentity(specifiers: string[]): string {
  return JSON.stringify({ FORMAT, esbuild: esbuild.version, MINIFY, specifiers });
}

function inputKey(specifiers: string[], inputs: string[]): string {
  const h = createHash('sha256').update(buildIdentity(specifiers));
  for (const f of inputs) {
    h.update(`\0${f}\0`);
    h.update(existsSync(f) ? readFileSync(f) : 'missing');
  }
  return h.digest('hex');
}

const OUTPUTS = ['worker.js', 'page.js'];

/** Builds (or reuses) the bundles and copies them into `outDir`. */
export async function buildBundles(outDir: string, specifiers: string[]): Promise<BundleResult> {
  const dir = join(CACHE, createHash('sha256').update(buildIdentity(specifiers)).digest('hex').slice(0, 16));
  const reused = isFresh(dir, specifiers);
  if (!reused) await build(dir, specifiers);
  mkdirSync(outDir, { recursive: true });
  for (const f of OUTPUTS) copyFileSync(join(dir, f), join(outDir, f));
  return { sizes: Object.fromEntries(OUTPUTS.map((f) => [f, statSync(join(outDir, f)).size])), reused };
}

function isFresh(dir: string, specifiers: string[]): boolean {
  const stampPath = join(dir, 'stamp.json');
  if (!existsSync(stampPath) || !OUTPUTS.every((f) => existsSync(join(dir, f)))) return false;
  const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as Stamp;
  return stamp.key === inputKey(specifiers, stamp.inputs);
}

async function build(outDir: string, specifiers: string[]): Promise<void> {
  let result: esbuild.BuildResult<{ metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: { worker: join(BROWSER, 'kernel-worker.ts'), page: join(BROWSER, 'page.ts') },
      outdir: outDir, bundle: true, minify: MINIFY, format: 'iife', platform: 'browser', target: 'es2022',
      metafile: true, logLevel: 'silent', legalComments: 'none', absWorkingDir: REPO,
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [shimPlugin(), registryPlugin(specifiers)],
    });
  } catch (e) {
    const errors = (e as { errors?: esbuild.Message[] }).errors ?? [];
    const lines = errors.slice(0, 8).map((m) => `${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`);
    throw new ReportError(`live report: bundling failed:\n  ${lines.join('\n  ') || (e as Error).message}`);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('live:')).map((f) => resolve(REPO, f)).sort();
  writeFileAtomic(join(outDir, 'stamp.json'), JSON.stringify({ key: inputKey(specifiers, inputs), inputs } satisfies Stamp));
}
