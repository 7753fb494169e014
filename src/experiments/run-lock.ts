import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** How often a second process looks whether the first has finished the run. */
const POLL_MS = 2000;

/** The lock that belongs to a record path (.gitignore: *.run.lock). */
export function runLockPath(recordPath: string): string {
  return recordPath.replace(/\.json$/, '') + '.run.lock';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else; only ESRCH means it is gone.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock exclusively; the pid of its holder when another live process has it; takes over a dead one's lock. */
function tryLock(lock: string): number | undefined {
  try {
    const fd = openSync(lock, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`${lock}: cannot create the run lock (${(err as Error).message})`);
  }
  const holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
  if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) return holder;
  process.stderr.write(`${lock}: lock of process ${Number.isNaN(holder) ? '(no pid)' : holder}, which is no longer running; taken over\n`);
  rmSync(lock, { force: true });
  return tryLock(lock);
}

/**
 * Runs `work` (one runTraining) holding the run's lock, so the same run started twice does not train
 * twice: the second process waits, says for whom, and then finds the first one's record to reuse.
 */
export async function withRunLock<T>(recordPath: string, work: () => Promise<T>, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<T> {
  const lock = runLockPath(recordPath);
  mkdirSync(dirname(lock), { recursive: true });
  let holder = tryLock(lock);
  if (holder !== undefined) log(`${recordPath}: already being trained by process ${holder} (${lock}); waiting for it to finish, then reusing its record`);
  while (holder !== undefined) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    holder = tryLock(lock);
  }
  const release = (): void => {
    try {
      if (readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.once('exit', release);
  try {
    return await work();
  } finally {
    process.removeListener('exit', release);
    release();
  }
}
