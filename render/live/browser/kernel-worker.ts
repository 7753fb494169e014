// The live kernel: one Web Worker per notebook, playing tslab. Cells arrive in order, are type-checked,
// compiled (cell-compile.ts) and run against the notebook's shared scope; their displays, streams and
// errors go back to the page. The library comes from the bundle's module registry, built from the
// notebooks' own imports.
import { current } from './worker-globals';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { modules } from 'live:registry';
import { CellChecker } from './cell-check';
import { compileCell, type CompiledCell } from './cell-compile';
import { VFS } from './node-fs';
import { inspect } from './node-util';
import type { CellError, FromKernel, InitMessage, RunMessage, ToKernel } from './protocol';

const post = (m: FromKernel): void => (self as unknown as { postMessage(m: unknown): void }).postMessage(m);
const scope: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
/** Type-only names earlier cells declared (for the type check; values are the scope's keys). */
const scopeTypes = new Set<string>();
let libsUrl = '';
let libs: Record<string, string> | undefined;

function syncJson(url: string): Record<string, string> {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false);
  xhr.send();
  if (xhr.status !== 200 && xhr.status !== 0) throw new Error(`GET ${url}: HTTP ${xhr.status}`);
  return JSON.parse(xhr.responseText) as Record<string, string>;
}

const checker = new CellChecker((file) => (libs ??= syncJson(libsUrl))[file]);

function importModule(spec: string): unknown {
  const mod = (modules as Record<string, unknown>)[spec];
  if (mod === undefined) {
    throw new Error(`module ${JSON.stringify(spec)} is not in the live report's bundle; it holds what the notebooks import: ${Object.keys(modules).sort().join(', ')}`);
  }
  return mod;
}

function init(m: InitMessage): void {
  VFS.base = m.fsBase;
  Object.assign((globalThis as unknown as { process: { env: Record<string, string> } }).process.env, m.env);
  setWasmPaths(m.wasmBase);
  // Without cross-origin isolation there is no SharedArrayBuffer, hence no wasm threads.
  if (!m.threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  else wasmOnAllCores(Math.max(1, navigator.hardwareConcurrency || 1));
  libsUrl = m.libsUrl;
}

/**
 * XNNPACK's pool on every logical core. tfjs's wasm build takes half of navigator.hardwareConcurrency as
 * its core count (it assumes two hardware threads per core) and caps any count asked for at that, so on
 * a 2-core machine it computes on one thread. The count it reads is doubled while the backend
 * initializes (the module reads it once, when it starts), and only then.
 */
function wasmOnAllCores(cores: number): void {
  setThreadsCount(cores);
  const factory = tf.findBackendFactory('wasm');
  if (!factory) throw new Error('the kernel bundle has no wasm backend registered');
  const WASM_PRIORITY = 2; // tfjs-backend-wasm's own (base.ts)
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * cores, configurable: true });
    try {
      return await factory();
    } finally {
      delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
    }
  }, WASM_PRIORITY);
}

/** XNNPACK's thread count once a cell has started the wasm backend (asking starts nothing). */
function wasmThreads(): number | undefined {
  return tf.getBackend() === 'wasm' ? getThreadsCount() : undefined;
}

function asError(e: unknown, cell?: CompiledCell): CellError {
  if (!(e instanceof Error)) return { ename: 'Error', evalue: inspect(e), traceback: inspect(e) };
  const line = cell?.errorLine(e.stack);
  const at = line === undefined ? {} : { line };
  // ClaimFailed sets its stack to its message: the sentence is the whole story.
  return { ename: e.name, evalue: e.message, traceback: e.stack ?? e.message, ...at };
}

async function run(m: RunMessage): Promise<void> {
  current.cell = m.id;
  const t0 = performance.now();
  const done = (extra: { error?: CellError; result?: string }): void => post({ type: 'done', id: m.id, ms: performance.now() - t0, threads: wasmThreads(), ...extra });
  let cell: CompiledCell | undefined;
  try {
    const problems = checker.check(m.source, Object.keys(scope), [...scopeTypes]);
    if (problems.length > 0) {
      const lines = m.source.split('\n');
      const first = problems[0]!;
      const traceback = problems.map((p) => `${p.line}:${p.column} - error TS${p.code}: ${p.message}\n  ${lines[p.line - 1] ?? ''}\n  ${' '.repeat(p.column - 1)}^`).join('\n');
      done({ error: { ename: 'TypeScript error', evalue: `${first.line}:${first.column} ${first.message}`, line: first.line, column: first.column, traceback } });
      return;
    }
    cell = compileCell(m.source);
    for (const t of cell.types) scopeTypes.add(t);
    const value = await cell.run(scope, importModule);
    done(value === undefined ? {} : { result: inspect(value) });
  } catch (e) {
    done({ error: asError(e, cell) });
  }
}

let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToKernel>): void => {
  const m = event.data;
  if (m.type === 'init') init(m);
  else queue = queue.then(() => run(m));
};
