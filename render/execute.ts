// Stage 1: run each notebook on the project-local tslab kernel (nbclient in Debian's python), one kernel
// per notebook, writing the executed copy to <out>/notebooks/. The python side speaks JSON lines.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { stripAnsi } from './ansi';
import { ReportError } from './errors';
import { plural } from '../src/results/plural';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, 'execute_notebook.py');

export interface ExecuteOptions {
  /** Notebook to run. */
  input: string;
  /** Directory for the executed notebook (and `<name>.partial.ipynb` on failure). */
  outDir: string;
  /** Directory holding `kernels/tslab/kernel.json` (the JUPYTER_PATH the kernel is looked up in). */
  jupyterPath: string;
  cellTimeoutSeconds?: number;
  startupTimeoutSeconds?: number;
  /** Extra environment for the kernel (REPORT_PROFILE, REPORT_RETRAIN, ...), on top of process.env. */
  env?: Record<string, string>;
  /** Where progress goes; a TTY gets a redrawn bar, anything else one line per cell. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export interface ExecuteResult {
  output: string;
  seconds: number;
  cells: number;
}

interface Event {
  event: 'start' | 'cell' | 'cell_done' | 'progress' | 'done' | 'error';
  /** A 'progress' event's line: what a running cell writes to stderr (training progress). */
  text?: string;
  cells?: number;
  index?: number;
  code?: boolean;
  seconds?: number;
  kind?: string;
  message?: string;
  source?: string;
  ename?: string;
  evalue?: string;
  traceback?: string;
  partial?: string;
}

export function kernelSpecPath(jupyterPath: string): string {
  return join(jupyterPath, 'kernels', 'tslab', 'kernel.json');
}

export function checkKernelSpec(jupyterPath: string): void {
  const spec = kernelSpecPath(jupyterPath);
  if (!existsSync(spec)) {
    throw new ReportError(`the tslab kernelspec is missing (expected ${spec}); run \`npm run kernel:install\``);
  }
}

function firstLine(source: string | undefined): string {
  const line = (source ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function indent(text: string): string {
  return text.replace(/\s+$/, '').split('\n').map((l) => `    ${l}`).join('\n');
}

class Progress {
  private total = 0;
  private done = 0;
  private readonly t0 = Date.now();
  private status = '';
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly name: string, private readonly out: ExecuteOptions['progress']) {
    // Long cells (training) would otherwise freeze the bar; tick the elapsed time once a second.
    if (out?.isTTY) {
      this.timer = setInterval(() => this.draw(this.status), 1000);
      this.timer.unref();
    }
  }

  start(cells: number): void {
    this.total = cells;
    if (!this.out) return;
    if (this.out.isTTY) this.draw('starting kernel');
    else this.out.write(`execute ${this.name}: ${plural(cells, 'cell')}\n`);
  }
  cell(index: number, code: boolean, label: string): void {
    if (this.out?.isTTY && code) this.draw(`cell ${index}: ${label}`);
  }
  cellDone(index: number, code: boolean, seconds: number, label: string): void {
    this.done = index + 1;
    if (!this.out || !code) return;
    if (this.out.isTTY) this.draw(`cell ${index} done`);
    else this.out.write(`  [${index + 1}/${this.total}] cell ${index} ${seconds.toFixed(1)} s  ${label}\n`);
  }
  /** A line the running cell wrote to stderr (a training run's epochs, the profile's ETA), so a long cell is not a frozen `[2/28] cell 1`. */
  kernelLine(text: string): void {
    if (!this.out) return;
    if (this.out.isTTY) this.draw(text);
    else this.out.write(`      ${text}\n`);
  }
  finish(ok: boolean, seconds: number): void {
    clearInterval(this.timer);
    if (!this.out) return;
    if (this.out.isTTY) {
      this.draw(ok ? `done in ${seconds.toFixed(1)} s` : 'FAILED');
      this.out.write('\n');
    } else if (ok) {
      this.out.write(`execute ${this.name}: done in ${seconds.toFixed(1)} s\n`);
    }
  }
  private draw(status: string): void {
    this.status = status;
    const width = 24;
    const filled = this.total === 0 ? 0 : Math.round((this.done / this.total) * width);
    const elapsed = ((Date.now() - this.t0) / 1000).toFixed(0);
    const line = `${this.name} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${elapsed}s ${status}`;
    const cols = this.out?.columns ?? 100;
    this.out!.write(`\r\x1b[2K${line.slice(0, cols - 1)}`);
  }
}

/** Executes one notebook; resolves with the executed notebook's path or rejects with a ReportError. */
export async function executeNotebook(opts: ExecuteOptions): Promise<ExecuteResult> {
  const input = resolve(opts.input);
  const name = basename(input, '.ipynb');
  const shown = relative(process.cwd(), input) || input;
  if (!existsSync(input)) throw new ReportError(`${shown}: notebook not found`);
  if (!existsSync(PYTHON)) {
    throw new ReportError(`${PYTHON} not found; run \`bash scripts/ensure-system-deps.sh\` (needs Debian's python3-nbclient)`);
  }
  checkKernelSpec(opts.jupyterPath);
  mkdirSync(opts.outDir, { recursive: true });
  const output = join(resolve(opts.outDir), `${name}.ipynb`);
  const partial = join(resolve(opts.outDir), `${name}.partial.ipynb`);
  const kernelLog = join(resolve(opts.outDir), `${name}.kernel.log`);
  rmSync(partial, { force: true });
  removeEmptyKernelLogs(opts.outDir);

  const args = [
    SCRIPT, input, output,
    '--partial', partial,
    '--kernel-log', kernelLog,
    '--display-name', shown,
    '--cwd', dirname(input),
    '--kernel-dir', join(resolve(opts.jupyterPath), 'kernels'),
    '--cell-timeout', String(opts.cellTimeoutSeconds ?? 900),
    '--startup-timeout', String(opts.startupTimeoutSeconds ?? 120),
    // stdin stays open and unused: when this process dies, even by SIGKILL, python sees EOF and takes
    // the kernel down with it.
    '--exit-on-stdin-eof',
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, JUPYTER_PATH: resolve(opts.jupyterPath) };
  // A pyenv or virtualenv on PATH must not leak its site-packages into Debian's python.
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;

  const progress = new Progress(basename(input), opts.progress);
  const child = spawn(PYTHON, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });

  // Cell sources for progress labels: cheap to read here, and keeps the python protocol small.
  const sources = new Map<number, string>();
  try {
    const nb = JSON.parse(readFileSync(input, 'utf8')) as { cells?: { source?: string | string[] }[] };
    nb.cells?.forEach((c, i) => sources.set(i, Array.isArray(c.source) ? c.source.join('') : c.source ?? ''));
  } catch {
    // Invalid JSON is reported by nbformat on the python side, with a better message.
  }
  let failure: Event | undefined;
  let result: ExecuteResult | undefined;
  let total = 0;
  let buffered = '';
  const labels: string[] = [];
  const isCode: boolean[] = [];
  const onEvent = (ev: Event): void => {
    switch (ev.event) {
      case 'start':
        total = ev.cells ?? 0;
        progress.start(total);
        break;
      case 'cell':
        labels[ev.index!] = firstLine(sources.get(ev.index!));
        isCode[ev.index!] = ev.code ?? true;
        progress.cell(ev.index!, ev.code ?? true, labels[ev.index!] ?? '');
        break;
      case 'cell_done':
        progress.cellDone(ev.index!, isCode[ev.index!] ?? true, ev.seconds ?? 0, labels[ev.index!] ?? '');
        break;
      case 'progress':
        progress.kernelLine(ev.text ?? '');
        break;
      case 'done':
        result = { output, seconds: ev.seconds ?? 0, cells: total };
        break;
      case 'error':
        failure = ev;
        break;
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.trim() === '') continue;
      try {
        onEvent(JSON.parse(line) as Event);
      } catch {
        stderr += `${line}\n`; // not ours: a stray print from a library
      }
    }
  });

  const code: number = await new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (c) => res(c ?? 1));
  });
  progress.finish(code === 0 && result !== undefined, result?.seconds ?? 0);
  // python removes an empty log itself, unless it was killed.
  removeEmptyKernelLogs(opts.outDir);

  if (failure) {
    let message = formatFailure(shown, failure, partial);
    if (failure.kind !== 'cell') message += logTail(kernelLog);
    throw new ReportError(message);
  }
  if (code !== 0 || !result) {
    throw new ReportError(`${shown}: notebook execution failed (exit ${code})\n${indent(stripAnsi(stderr))}${logTail(kernelLog)}`);
  }
  rmSync(kernelLog, { force: true });
  return result;
}

/**
 * A kernel that said nothing leaves an empty log, which tells the reader nothing. A run killed with its
 * whole process group (python included) cannot remove it, so every run sweeps its folder.
 */
function removeEmptyKernelLogs(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.endsWith('.kernel.log') && statSync(path, { throwIfNoEntry: false })?.size === 0) rmSync(path, { force: true });
  }
}

function logTail(path: string): string {
  if (!existsSync(path)) return '';
  const lines = stripAnsi(readFileSync(path, 'utf8')).trimEnd().split('\n').slice(-20);
  return lines.length === 0 || lines[0] === '' ? '' : `\n  kernel log (${path}, last lines):\n${indent(lines.join('\n'))}`;
}

export function formatFailure(notebook: string, ev: Event, partial: string): string {
  const lines: string[] = [];
  switch (ev.kind) {
    case 'cell':
      lines.push(`${notebook}: cell ${ev.index} raised ${ev.ename}: ${ev.evalue}`);
      break;
    default:
      lines.push(ev.message?.includes(notebook) ? ev.message : `${notebook}: ${ev.message}`);
  }
  if (ev.source !== undefined && ev.source !== '') lines.push(`  cell ${ev.index} source:`, indent(ev.source));
  if (ev.traceback) lines.push('  kernel traceback:', indent(stripAnsi(ev.traceback)));
  if (ev.partial && existsSync(ev.partial)) {
    lines.push(`  partially executed notebook saved as ${relative(process.cwd(), partial) || partial}`);
  }
  return lines.join('\n');
}
