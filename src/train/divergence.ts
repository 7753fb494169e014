/**
 * Stops a run whose loss is NaN or has blown up, with a message that says where and what to try,
 * rather than letting it produce a plausible-looking but meaningless result file.
 */
export class DivergenceGuard {
  private first: number | null = null;

  constructor(private readonly runName: string, private readonly factor = 20, private readonly floor = 50) {}

  /** The first batch's loss, which the limit is relative to; part of a checkpoint. */
  get firstLoss(): number | null {
    return this.first;
  }

  set firstLoss(value: number | null) {
    this.first = value;
  }

  check(loss: number, epoch: number, batch: number): void {
    if (!Number.isFinite(loss)) {
      throw new Error(`${this.runName}: training diverged at epoch ${epoch}, batch ${batch}: loss is ${loss}. Lower the learning rate or check the initializer.`);
    }
    if (this.first === null) this.first = loss;
    const limit = Math.max(this.floor, this.factor * this.first);
    if (loss > limit) {
      throw new Error(`${this.runName}: training diverged at epoch ${epoch}, batch ${batch}: loss ${loss.toFixed(3)} exceeds ${limit.toFixed(3)} (${this.factor}x the first batch's ${this.first.toFixed(3)}). Lower the learning rate.`);
    }
  }
}
