/** Anything a training run makes that holds tensors: a model's variables, a tf.Optimizer's slots. */
export interface Releasable {
  dispose(): void;
}

/** Runs whose resources were neither handed over nor released. */
const open = new Set<RunResources>();

/**
 * What one training run has made, released on every exit path: `close(kept)` in the trainer's
 * `finally` disposes everything but what it returns (divergence, a failing callback, any error).
 *
 * A tslab interrupt is the exception: SIGINT terminates the cell's script, and no `finally` runs. So
 * a new run first releases the runs still open. Training is synchronous, so when a run starts no
 * other can be in progress: an open one was cut off and its variables would otherwise block the next
 * model ("Variable with name conv1/w was already registered") until the kernel restarts.
 */
export class RunResources {
  private readonly owned: Releasable[] = [];

  constructor() {
    for (const run of [...open]) run.close();
    open.add(this);
  }

  /** Registers `resource` for release and returns it. */
  own<T extends Releasable>(resource: T): T {
    this.owned.push(resource);
    return resource;
  }

  /** Disposes everything owned except `kept` (what the run hands to its caller). Idempotent. */
  close(kept?: Releasable): void {
    open.delete(this);
    const owned = this.owned.splice(0);
    for (const resource of owned) if (resource !== kept) resource.dispose();
  }
}
