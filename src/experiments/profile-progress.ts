import type { Progress } from '../train/progress';

/**
 * The whole profile's progress: runs done out of planned, and an ETA from the mean wall time of the
 * runs trained so far in this process (reused runs cost nothing and do not enter the mean).
 */
export class ProfileProgress {
  private done = 0;
  private trained = 0;
  private trainedSeconds = 0;
  private readonly started = performance.now();

  constructor(private readonly total: number, private readonly progress: Progress) {}

  /** Call after each run; prints one line with the count, the elapsed time and the ETA. */
  finished(label: string, reused: boolean, seconds: number): void {
    this.done++;
    if (!reused) {
      this.trained++;
      this.trainedSeconds += seconds;
    }
    this.progress.line(`[profile ${this.done}/${this.total}] ${label} | elapsed ${formatDuration((performance.now() - this.started) / 1000)} | ${this.eta()}`);
  }

  eta(): string {
    const left = this.total - this.done;
    if (left === 0) return 'done';
    if (this.trained === 0) return `ETA unknown (${left} run${left === 1 ? '' : 's'} left, none trained yet)`;
    return `ETA ${formatDuration((left * this.trainedSeconds) / this.trained)} if the ${left} run${left === 1 ? '' : 's'} left all train`;
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}
