// The code version printed in the title block: HEAD's commit and whether the working tree was clean, so a
// reader can tell which code produced the numbers (and whether it was committed at all).
import { spawnSync } from 'node:child_process';
import type { CodeVersion } from './html/report';

function git(args: string[], cwd: string): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** undefined outside a git checkout (e.g. a source tarball): the title block then omits the line. */
export function codeVersion(repo: string): CodeVersion | undefined {
  const commit = git(['rev-parse', '--short=12', 'HEAD'], repo);
  if (!commit) return undefined;
  // Ignored files (render/out, node_modules) do not count; untracked source files do.
  const status = git(['status', '--porcelain', '--untracked-files=normal'], repo);
  return { commit, clean: status === '' };
}
