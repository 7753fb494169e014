// Messages between the live page and a notebook's kernel worker.
export interface InitMessage {
  type: 'init';
  /** Absolute URL of the folder that serves the virtual /repo (fs/manifest.json and the files). */
  fsBase: string;
  /** Absolute URL of the folder holding the wasm binaries. */
  wasmBase: string;
  /** Absolute URL of the TypeScript lib declarations (JSON: file name → text). */
  libsUrl: string;
  env: Record<string, string>;
  /** Use wasm's own threads (needs cross-origin isolation). */
  threads: boolean;
}
export interface RunMessage { type: 'run'; id: number; source: string; where: string }
export type ToKernel = InitMessage | RunMessage;

export interface CellError {
  ename: string;
  evalue: string;
  /** Where in the cell, 1-based, when known. */
  line?: number;
  column?: number;
  traceback: string;
}
export type FromKernel =
  | { type: 'stream'; id: number; name: 'stdout' | 'stderr'; text: string }
  | { type: 'display'; id: number; data: Record<string, unknown>; metadata: Record<string, unknown> }
  /** `threads`: XNNPACK's thread count, once a cell has started the wasm backend. */
  | { type: 'done'; id: number; error?: CellError; result?: string; ms: number; threads?: number };
