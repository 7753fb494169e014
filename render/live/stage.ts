// Stage "live" of `npm run report`: <out>/live/, the report again with every code cell editable and
// runnable in the reader's browser. Same cleaned notebooks and renderer as the static page; adds the
// bundles (bundle.ts), the kernel's files (files.ts), the wasm binaries and TypeScript's declarations.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../../src/results/atomic-write';
import type { CleanNotebook } from '../clean';
import { collectGlue } from '../html/glue';
import { numberTargets } from '../html/outputs';
import { renderReport, type RenderOptions, type ReportMeta } from '../html/report';
import { joinMultiline, readNotebook } from '../notebook';
import { buildBundles } from './bundle';
import { copyWasm, typescriptLibs, writeServedFiles } from './files';
import { markNotebook } from './markup';
import type { LiveCellSource, LiveConfig } from './browser/page-config';
import { LIVE_CSS } from './style';

export interface LiveInput {
  /** The cleaned notebook, as the static report renders it. */
  cleaned: CleanNotebook;
  /** The executed notebook file it was cleaned from (every code cell, removed ones too). */
  executed: string;
}

export interface LiveResult {
  dir: string;
  sizes: Record<string, number>;
  reused: boolean;
  servedBytes: number;
}

const IMPORT = /(?:^|\n)\s*import\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/g;

function codeCells(executed: string): LiveCellSource[] {
  return readNotebook(executed).cells.flatMap((c, index) => c.cell_type !== 'code' ? [] : [{
    index, source: joinMultiline(c.source), shown: !(c.metadata?.tags ?? []).includes('remove-cell'),
  }]);
}

/** Every module the notebooks import, and every library module, so an edited cell may import any of them. */
export function liveModules(repo: string, sources: string[]): string[] {
  const found = new Set<string>(libraryModules(repo));
  for (const s of sources) for (const m of s.matchAll(IMPORT)) found.add(m[1]!);
  return [...found].sort();
}

/** src/ as the notebooks import it (@assignment-one/src/x/y), except the CLI and the worker threads' entries. */
function libraryModules(repo: string): string[] {
  const src = join(repo, 'src');
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'cli' ? [] : walk(join(dir, e.name))) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []);
  return walk(src)
    .filter((f) => !/[\\/]parallel[\\/]worker/.test(f))
    .map((f) => `@assignment-one/src/${relative(src, f).replace(/\.ts$/, '').replace(/(^|\/)index$/, '')}`.replace(/\/$/, ''));
}

function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export async function writeLiveReport(repo: string, outDir: string, inputs: LiveInput[], meta: ReportMeta, opts: RenderOptions, env: Record<string, string>): Promise<LiveResult> {
  const dir = join(outDir, 'live');
  const notebooks: LiveConfig['notebooks'] = {};
  for (const { cleaned, executed } of inputs) notebooks[cleaned.name] = { path: cleaned.path, cells: codeCells(executed) };
  const specifiers = liveModules(repo, Object.values(notebooks).flatMap((n) => n.cells.map((c) => c.source)));
  const bundle = await buildBundles(dir, specifiers);
  copyWasm(repo, join(dir, 'wasm'));
  writeFileAtomic(join(dir, 'ts-libs.json'), typescriptLibs(repo));
  const servedBytes = writeServedFiles(repo, join(dir, 'fs'));

  const cleaned = inputs.map((i) => i.cleaned);
  const config: LiveConfig = { notebooks, refs: [...numberTargets(cleaned)], glue: [...collectGlue(cleaned)], env };
  const page = renderReport(cleaned.map(markNotebook), meta, opts).html
    .replace('</head>', `<link rel="icon" href="data:,">\n<style>${LIVE_CSS}</style>\n</head>`)
    .replace(/<\/body>\s*<\/html>\s*$/, `<script type="application/json" id="live-config">${scriptJson(config)}</script>\n<script src="page.js"></script>\n</body>\n</html>\n`);
  writeFileAtomic(join(dir, 'index.html'), page);
  return { dir, sizes: bundle.sizes, reused: bundle.reused, servedBytes };
}
