// `npm run notebook`: opens the report's notebooks in Debian's classic Jupyter Notebook with the project's
// tslab kernel. The kernelspec lives in the project-local .jupyter/ (scripts/install-kernel.mjs), which
// Jupyter finds only through JUPYTER_PATH; the server refuses to run as root without --allow-root, and a
// headless machine has no browser to open. This script sets all three so one command works everywhere.
// Extra arguments go to jupyter-notebook as they are (e.g. `npm run notebook -- --port=8890`).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signNotebooks } from './jupyter/sign.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const JUPYTER_NOTEBOOK = process.env.JUPYTER_NOTEBOOK ?? '/usr/bin/jupyter-notebook';
const kernelDir = join(repo, '.jupyter');
// The glue store (src/notebook/glue-store.ts: GLUE_STORE_ENV, glueStorePath): every glue() of a kernel started
// here updates it, and kernel.js reads it, so each notebook shows the values the others glued.
const glueStore = join(kernelDir, 'kernels', 'tslab', 'glue-store.json');

if (!existsSync(JUPYTER_NOTEBOOK)) {
  console.error(`notebook: ${JUPYTER_NOTEBOOK} not found; install Debian's jupyter-notebook (apt-get install -y jupyter-notebook) or set JUPYTER_NOTEBOOK to another jupyter-notebook`);
  process.exit(1);
}
if (!existsSync(join(kernelDir, 'kernels', 'tslab', 'kernel.json'))) {
  console.error(`notebook: no kernelspec in ${kernelDir}; run \`node scripts/install-kernel.mjs\` first (npm run notebook does)`);
  process.exit(1);
}

/** No display server and not macOS/Windows: nothing could show a browser window. */
function headless() {
  if (process.platform === 'darwin' || process.platform === 'win32') return false;
  return !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

const passed = process.argv.slice(2);
const args = [`--notebook-dir=${join(repo, 'notebooks')}`];
if (process.getuid?.() === 0 && !passed.includes('--allow-root')) args.push('--allow-root');
if (headless() && !passed.some((a) => a === '--no-browser' || a.startsWith('--browser'))) args.push('--no-browser');
args.push(...passed);

// Ours first, the reader's own JUPYTER_PATH after it: their other kernels stay available.
const jupyterPath = [kernelDir, process.env.JUPYTER_PATH].filter(Boolean).join(delimiter);
console.log(`notebook: ${JUPYTER_NOTEBOOK} ${args.join(' ')}  (JUPYTER_PATH=${jupyterPath})`);
if (args.includes('--no-browser')) console.log('notebook: no browser here; open the http://127.0.0.1:… URL with the token that Jupyter prints below');

if (!existsSync(glueStore)) {
  console.log('notebook: no glue store yet, so names glued in other notebooks stay as written until those notebooks have run: run `npm run report` once, or Run All in each notebook');
}

const env = { ...process.env, JUPYTER_PATH: jupyterPath, ASSIGNMENT_ONE_GLUE_STORE: glueStore };
// The project's own notebooks open "Trusted": signed in the reader's Jupyter data dir, as `jupyter trust` would.
const notebooks = readdirSync(join(repo, 'notebooks')).filter((f) => f.endsWith('.ipynb')).map((f) => join(repo, 'notebooks', f));
try {
  signNotebooks(notebooks, env);
} catch (e) {
  console.warn(`notebook: ${e.message.split('\n')[0]}; the notebooks open "Not Trusted" (saved figures show as text until re-run)`);
}
const child = spawn(JUPYTER_NOTEBOOK, args, { stdio: 'inherit', env });
// Ctrl-C reaches the server through the terminal's process group (it asks to confirm the shutdown), so we
// leave SIGINT to it; a SIGTERM sent to this script alone is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (e) => {
  console.error(`notebook: could not start ${JUPYTER_NOTEBOOK}: ${e.message}`);
  process.exit(1);
});
