/**
 * --retrain (REPORT_RETRAIN=1) trains every planned run again, once each.
 *
 * Handing reuse=false down to runTraining would not do that: a run's start and its teachers are
 * read through the same reuse flag, so every student retrained the teachers of all seeds and
 * their starts (the 2026-12 profile spent 40 of its minutes that way). Instead the planned records
 * are set aside before anything trains, and the runs train with reuse on: a missing record is
 * trained the first time any run needs it, and read after that.
 *
 * Nothing is lost if training fails: when the plan ends, done or not, a set-aside record is deleted
 * only where its run has written a new one, and put back everywhere else.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';

const ASIDE_SUFFIX = '.before-retrain';

export interface SetAside {
  /** After the plan, done or failed: delete each old record whose run wrote a new one, put back the others. */
  settle(): void;
}

/** Moves each existing record in `paths` aside (a leftover of an interrupted retrain is overwritten). */
export function setRecordsAside(paths: readonly string[]): SetAside {
  const moved = paths.filter((path) => existsSync(path));
  for (const path of moved) renameSync(path, path + ASIDE_SUFFIX);
  return {
    settle() {
      for (const path of moved.splice(0)) {
        if (existsSync(path)) rmSync(path + ASIDE_SUFFIX, { force: true });
        else renameSync(path + ASIDE_SUFFIX, path);
      }
    },
  };
}
