import type { Progress } from '../train/progress';

/**
 * The whole profile's progress: runs done out of planned, and an ETA from the wall time of the runs
 * trained so far in this process per unit of their estimated cost (src/experiments/run-cost.ts;
 * reused runs cost nothing and do not enter the rate). Without costs every run weighs 1.
 */
export class ProfileProgress {
  private done = 0;
  private trained = 0;
  private trainedSeconds = 0;
  private trainedCost = 0;
  private costDone = 0;
  private readonly started = performance.now();

  constructor(private readonly total: number, private readonly progress: Progress, private readonly totalCost = total) {}

  /** Call after each run (with its estimated cost); prints one line with the count, the elapsed time and the ETA. */
  finished(label: string, reused: boolean, seconds: number, cost = 1): void {
    this.done++;
    this.costDone += cost;
    if (!reused) {
      this.trained++;
      this.trainedSeconds += seconds;
      this.trainedCost += cost;
    }
    this.progress.line(`[profile ${this.done}/${this.total}] ${label} | elapsed ${formatDuration((performance.now() - this.started) / 1000)} | ${this.eta()}`);
  }

  eta(): string {
    const left = this.total - this.done;
    if (left === 0) return 'done';
    if (this.trained === 0) return `ETA unknown (${left} run${left === 1 ? '' : 's'} left, none trained yet)`;
    const costLeft = Math.max(0, this.totalCost - this.costDone);
    return `ETA ${formatDuration((costLeft * this.trainedSeconds) / this.trainedCost)} if the ${left} run${left === 1 ? '' : 's'} left all train`;
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}
