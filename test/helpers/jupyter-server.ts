// Debian's Jupyter Notebook server for browser tests: bound to 127.0.0.1 on a free port, with a random
// token, the project-local kernelspec and throwaway config/data/runtime dirs (nothing of the user's
// Jupyter set-up is read or written). stop() shuts the server and its kernels down, whatever happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signNotebooks } from '../../scripts/jupyter/sign.mjs';

export interface JupyterServer {
  url: string;
  token: string;
  /** The server's log so far (stderr), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export const JUPYTER_NOTEBOOK = '/usr/bin/jupyter-notebook';

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

async function waitUntilUp(url: string, token: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`jupyter-notebook exited with code ${child.exitCode} before answering:\n${log()}`);
    try {
      const r = await fetch(`${url}api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`jupyter-notebook did not answer on ${url} within ${timeoutMs / 1000} s:\n${log()}`);
}

async function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((r) => {
    const t = setTimeout(() => r(false), ms);
    child.once('exit', () => { clearTimeout(t); r(true); });
  });
}

export interface JupyterOptions {
  /** Notebooks to sign, so their saved SVG and HTML outputs show. */
  trusted?: string[];
  timeoutMs?: number;
  /** More environment for the server and its kernels (e.g. ASSIGNMENT_ONE_GLUE_STORE). */
  env?: Record<string, string>;
}

export async function startJupyter(notebookDir: string, kernelPath: string, opts: JupyterOptions = {}): Promise<JupyterServer> {
  if (!existsSync(JUPYTER_NOTEBOOK)) throw new Error(`${JUPYTER_NOTEBOOK} not found: install Debian's jupyter-notebook (apt-get install -y jupyter-notebook)`);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const home = mkdtempSync(join(tmpdir(), 'jupyter-test-'));
  const env = {
    ...process.env, JUPYTER_PATH: kernelPath, JUPYTER_CONFIG_DIR: join(home, 'config'), JUPYTER_DATA_DIR: join(home, 'data'),
    JUPYTER_RUNTIME_DIR: join(home, 'runtime'), IPYTHONDIR: join(home, 'ipython'), BROWSER: 'true', ...opts.env,
  };
  try {
    // Jupyter shows SVG (and HTML) outputs saved in a notebook only if it is trusted; outputs of cells run in the session are trusted anyway.
    signNotebooks(opts.trusted ?? [], env);
  } catch (e) {
    rmSync(home, { recursive: true, force: true });
    throw e;
  }
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(JUPYTER_NOTEBOOK, [
    '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0', `--NotebookApp.token=${token}`,
    `--notebook-dir=${notebookDir}`,
    // CI containers run as root, which the server refuses without this flag.
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const log = (): string => output.slice(-4000);
  const stop = async (): Promise<void> => {
    try {
      // The REST shutdown stops every kernel too; signals are the fallback for a server that hangs.
      await fetch(`${url}api/shutdown`, { method: 'POST', headers: { Authorization: `token ${token}` } }).catch(() => undefined);
      if (!(await exited(child, 10_000)) && child.pid) process.kill(-child.pid, 'SIGTERM');
      if (!(await exited(child, 5_000)) && child.pid) process.kill(-child.pid, 'SIGKILL');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };
  try {
    await waitUntilUp(url, token, child, timeoutMs, log);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, token, log, stop };
}
