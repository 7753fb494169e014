// What the library expects of Node inside the kernel worker: `process` (env, stdout/stderr, version),
// `global`, and a `require` whose cache holds tslab's display hook, so src/notebook/display.ts emits its
// bundles to the page exactly as it does to Jupyter. Imported first by the kernel, before any library
// module runs its top-level code.
import type { FromKernel } from './protocol';

export const current = { cell: -1 };

function post(message: FromKernel): void {
  (self as unknown as { postMessage(m: unknown): void }).postMessage(message);
}

function stream(name: 'stdout' | 'stderr') {
  return { isTTY: false, write: (text: string | Uint8Array) => {
    post({ type: 'stream', id: current.cell, name, text: typeof text === 'string' ? text : new TextDecoder().decode(text) });
    return true;
  } };
}

const g = globalThis as Record<string, unknown>;
g.global = globalThis;
// Without cross-origin isolation a page has no SharedArrayBuffer. The engine keeps its parameters in them only
// so that worker threads can share them; the kernel trains on one thread, so a plain ArrayBuffer does.
if (typeof SharedArrayBuffer === 'undefined') g.SharedArrayBuffer = ArrayBuffer;
// A library file's `require.main === module` (run as a script) must read false here: require.main is undefined.
g.module = { exports: {} };
const started = performance.now();
g.process = {
  // `browser` keeps TypeScript and tfjs from taking this for Node.
  browser: true, env: {} as Record<string, string>, argv: [], version: 'browser', versions: {}, platform: 'browser', pid: 1,
  cwd: () => '/repo/notebooks',
  stdout: stream('stdout'), stderr: stream('stderr'),
  nextTick: (f: (...a: unknown[]) => void, ...a: unknown[]) => queueMicrotask(() => f(...a)),
  hrtime: Object.assign((prev?: [number, number]) => {
    const ns = Math.round((performance.now() - started) * 1e6);
    const t: [number, number] = [Math.floor(ns / 1e9), ns % 1e9];
    return prev ? [t[0] - prev[0], t[1] - prev[1]] : t;
  }, { bigint: () => BigInt(Math.round((performance.now() - started) * 1e6)) }),
  cpuUsage: () => ({ user: Math.round((performance.now() - started) * 1000), system: 0 }),
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
  on: () => g.process, once: () => g.process, off: () => g.process, removeListener: () => g.process, emitWarning: () => {},
  exit: (code?: number) => { throw new Error(`process.exit(${code ?? 0}) called in the live report`); },
};

const writeDisplayData = (message: { data: Record<string, unknown>; metadata: Record<string, unknown> }): void => {
  post({ type: 'display', id: current.cell, data: message.data, metadata: message.metadata });
};

function liveRequire(spec: string): never {
  const e = new Error(`Cannot find module '${spec}' in the live report`) as Error & { code: string };
  e.code = 'MODULE_NOT_FOUND';
  throw e;
}
g.require = Object.assign(liveRequire, {
  cache: { '/live/node_modules/tslab/dist/jupyter.js': { exports: { lastWriteDisplayData: writeDisplayData } } },
  resolve: (spec: string) => `/repo/node_modules/${spec}`,
});
