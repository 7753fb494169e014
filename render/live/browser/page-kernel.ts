// The page's side of a notebook's kernel: one Web Worker per notebook, started on the first Run, fed
// cells in order; Stop terminates it (the notebook's names go with it, as with a restarted kernel).
import type { CellError, FromKernel, InitMessage } from './protocol';

export interface CellSink {
  stream(name: 'stdout' | 'stderr', text: string): void;
  display(data: Record<string, unknown>, metadata: Record<string, unknown>): void;
}
export interface CellOutcome { error?: CellError; result?: string; ms: number; stopped?: boolean }

/** Whether this page may use SharedArrayBuffer, hence wasm's threads. */
export const isolated = (): boolean => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;

export class Kernel {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { sink: CellSink; resolve: (o: CellOutcome) => void }>();
  /** Indices of the cells this kernel has run, so Run can bring a fresh kernel up to date first. */
  readonly ran = new Set<number>();
  stopped = false;

  /** `onThreads`: called with XNNPACK's thread count once a cell has started the wasm backend. */
  constructor(base: URL, env: Record<string, string>, private readonly onThreads: (threads: number) => void = () => {}) {
    try {
      this.worker = new Worker(new URL('worker.js', base));
    } catch (e) {
      throw new Error(`the kernel worker could not start (${(e as Error).message}); opened from disk? run \`npm run serve\` and open its address`);
    }
    this.worker.onmessage = (e: MessageEvent<FromKernel>) => this.receive(e.data);
    this.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      const at = e.filename ? ` (${e.filename.split('/').pop()}:${e.lineno}:${e.colno})` : '';
      this.failAll({ ename: 'Kernel error', evalue: `${e.message || 'the kernel worker failed to load'}${at}`, traceback: '' });
    };
    const init: InitMessage = {
      type: 'init', env, threads: isolated(),
      fsBase: new URL('fs/', base).href, wasmBase: new URL('wasm/', base).href, libsUrl: new URL('ts-libs.json', base).href,
    };
    this.worker.postMessage(init);
  }

  run(source: string, where: string, sink: CellSink): Promise<CellOutcome> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, { sink, resolve });
      this.worker.postMessage({ type: 'run', id, source, where });
    });
  }

  stop(): void {
    this.stopped = true;
    this.worker.terminate();
    for (const p of this.pending.values()) p.resolve({ stopped: true, ms: 0 });
    this.pending.clear();
  }

  private failAll(error: CellError): void {
    for (const p of this.pending.values()) p.resolve({ error, ms: 0 });
    this.pending.clear();
  }

  private receive(m: FromKernel): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'stream') p.sink.stream(m.name, m.text);
    else if (m.type === 'display') p.sink.display(m.data, m.metadata);
    else {
      if (m.threads !== undefined) this.onThreads(m.threads);
      this.pending.delete(m.id);
      p.resolve({ error: m.error, result: m.result, ms: m.ms });
    }
  }
}
