// Writes the tslab kernelspec the report runs on. Project-local by default (<repo>/.jupyter, gitignored)
// so `npm run report` never depends on, or disturbs, a reader's own Jupyter set-up; `--user` installs the
// same spec into the user's Jupyter data dir for JupyterLab / VS Code.
// tslab runs under tsx so that notebooks can import the library's .ts sources at run time.
import { existsSync, mkdirSync, renameSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const valid = ['--user', '--quiet'];
const unknown = args.filter((a) => !valid.includes(a));
if (unknown.length > 0) {
  console.error(`install-kernel: unknown option ${unknown.join(' ')}; valid options: ${valid.join(', ')}`);
  process.exit(2);
}
const user = args.includes('--user');
const quiet = args.includes('--quiet');

function userDataDir() {
  // Same rules as jupyter_core.paths.jupyter_data_dir, so we need no Python to find it.
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'jupyter');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jupyter');
}

const tslab = join(repo, 'node_modules', 'tslab', 'bin', 'tslab');
const tsxLoader = join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs');
for (const [what, path] of [['tslab', tslab], ['tsx loader', tsxLoader]]) {
  if (!existsSync(path)) {
    console.error(`install-kernel: ${what} not found at ${path}; run \`npm install\` first`);
    process.exit(1);
  }
}

const spec = {
  // Absolute paths: the kernel is started from notebooks/ (and by editors from anywhere), and a
  // bare `--import tsx` would resolve against that cwd.
  argv: [process.execPath, '--import', pathToFileURL(tsxLoader).href, tslab, 'kernel', '--config-path', '{connection_file}'],
  display_name: 'TypeScript (tslab)',
  language: 'typescript',
};

const dir = join(user ? userDataDir() : join(repo, '.jupyter'), 'kernels', 'tslab');
const file = join(dir, 'kernel.json');
const text = JSON.stringify(spec, null, 2) + '\n';
// kernel.js: the classic Notebook loads it with the kernel; it collapses source_hidden cells (scripts/jupyter/kernel.js).
// plotly.min.js: kernel.js draws figures with it (Notebook 6 has no plotly renderer of its own).
const plotly = join(repo, 'node_modules', 'plotly.js-dist-min', 'plotly.min.js');
if (!existsSync(plotly)) {
  console.error(`install-kernel: plotly.js not found at ${plotly}; run \`npm install\` first`);
  process.exit(1);
}
const files = [
  [file, text],
  [join(dir, 'kernel.js'), readFileSync(join(repo, 'scripts', 'jupyter', 'kernel.js'), 'utf8')],
  [join(dir, 'plotly.min.js'), readFileSync(plotly, 'utf8')],
];
if (files.every(([f, t]) => existsSync(f) && readFileSync(f, 'utf8') === t)) {
  if (!quiet) console.log(`kernel: tslab kernelspec up to date at ${file}`);
  process.exit(0);
}
mkdirSync(dir, { recursive: true });
for (const [f, t] of files) {
  const tmp = `${f}.tmp-${process.pid}`;
  writeFileSync(tmp, t);
  renameSync(tmp, f);
}
console.log(`kernel: wrote tslab kernelspec to ${file}`);
if (!user) console.log(`kernel: use it with JUPYTER_PATH=${join(repo, '.jupyter')} (npm run report does this itself)`);
