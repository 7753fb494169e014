/**
 * Node's file-system errors as one line that names the file: `EISDIR: illegal operation on a
 * directory, read` alone says neither which file nor what was expected. Shared by every command's
 * top-level handler (src/cli/args.ts runMain, render/report.ts), so a user error never prints a stack.
 */
const MEANING: Record<string, string> = {
  ENOENT: 'does not exist',
  EISDIR: 'is a directory, expected a file',
  ENOTDIR: 'is not a directory (a file stands where a directory is expected)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'is on a read-only file system',
  EEXIST: 'already exists',
  ENOTEMPTY: 'is a directory that is not empty',
  EMFILE: 'too many open files',
};

interface FsError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

export function isFsError(err: unknown): err is FsError {
  return err instanceof Error && typeof (err as Partial<FsError>).code === 'string' && /^E[A-Z]+$/.test((err as FsError).code);
}

/** `<path>: <what is wrong> (<code> in <syscall>)`, or undefined for anything that is not a file-system error. */
export function fsErrorMessage(err: unknown): string | undefined {
  if (!isFsError(err)) return undefined;
  const meaning = MEANING[err.code] ?? err.message;
  const where = err.syscall ? ` in ${err.syscall}` : '';
  // An error from a read or write on an open descriptor carries no path: say so rather than guess one.
  const path = err.path ?? '(a file whose path Node did not report)';
  const dest = err.dest ? ` -> ${err.dest}` : '';
  return `${path}${dest}: ${meaning} (${err.code}${where})`;
}
