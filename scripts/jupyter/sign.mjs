// Signs notebooks as `jupyter trust` does, in the notary database of the Jupyter data dir that `env` selects:
// the classic Notebook shows a notebook "Trusted" (and its saved SVG and HTML outputs) only if its signature is
// there. Debian's python3 has nbformat's NotebookNotary but no `jupyter trust` command.
import { spawnSync } from 'node:child_process';

const SCRIPT = 'import sys, nbformat\nfrom nbformat.sign import NotebookNotary\nn = NotebookNotary()\nfor p in sys.argv[1:]:\n    n.sign(nbformat.read(p, 4))';

/** Throws with python's message when signing fails. */
export function signNotebooks(paths, env = process.env) {
  if (paths.length === 0) return;
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT, ...paths], { env, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`signing ${paths.join(', ')} failed: ${r.error?.message ?? r.stderr}`);
}
