/**
 * Data-parallel training and inference for the starter CNN over worker threads.
 *
 * The main thread keeps computing too: it takes the first part of a batch while workers take the
 * others, each from the same parameters. The parts are fixed by src/parallel/shards.ts, not by the
 * number of threads, and their gradients are added in part order, so a parallel step is the
 * single-threaded step bit for bit; dropout masks are drawn for the whole batch, from the one
 * generator, before the batch is split. Inference splits by rows, which are independent.
 *
 * The trainer (src/train/trainer.ts) is synchronous, so the main thread waits on shared memory (Atomics.wait) and
 * takes the worker's reply with receiveMessageOnPort; the workers run their own event loops.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { CnnConfig } from '../models/config';
import { type DropoutMasks, sliceMasks, starterCnnGradients, starterCnnLogProbsFromHost, type StepGradients } from '../models/starter-cnn-step';
import type { ShardRunner, SpecNetwork } from '../nn/build';
import type { ShardRequest, ShardResult } from '../nn/sequential';
import { CTRL, type Job, type JobResult, type WorkerInit } from './protocol';
import { addGradients, GRADIENT_SHARDS } from './shards';
import { plural } from '../util/plural';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const START_TIMEOUT_MS = 120_000;
const JOB_TIMEOUT_MS = 600_000;

class WorkerHandle {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly ctrl: Int32Array;
  private seq = 0;
  private pending = 0;
  /** Ids of the spec networks this worker has been given. */
  readonly networks = new Set<number>();

  constructor(backend: 'wasm' | 'cpu') {
    const sab = new SharedArrayBuffer(4 * CTRL.length);
    this.ctrl = new Int32Array(sab);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const init: WorkerInit = { backend, ctrl: sab, port: port2, entry: require.resolve('./worker.ts') };
    // The shim registers tsx inside the thread; loader flags in execArgv do not reach workers.
    this.worker = new Worker(require.resolve('./worker-shim.mjs'), { workerData: init, transferList: [port2] });
    // Neither the thread nor the port may keep a finished program alive.
    this.worker.unref();
    this.port.unref();
  }

  waitReady(): void {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Atomics.load(this.ctrl, CTRL.ready) === 0) {
      if (Date.now() > deadline) throw new Error(`parallel: a worker did not start within ${START_TIMEOUT_MS / 1000} s (set TRAIN_WORKERS=0 to train on one thread)`);
      Atomics.wait(this.ctrl, CTRL.ready, 0, 100);
    }
    if (Atomics.load(this.ctrl, CTRL.ready) < 0) {
      const msg = receiveMessageOnPort(this.port)?.message as JobResult | undefined;
      throw new Error(`parallel: a worker failed to start: ${msg?.kind === 'error' ? msg.message : 'unknown error'}`);
    }
  }

  post(job: DistributiveOmit<Job, 'seq'>): void {
    // A job still pending was abandoned: a tslab interrupt cut its caller off between post and
    // collect. Wait for its answer and drop it, so that this job's result cannot be crossed with it.
    if (this.pending !== 0) {
      try {
        this.collect();
      } catch {
        // The abandoned job's failure is not this job's.
      }
    }
    this.seq++;
    this.pending = this.seq;
    this.port.postMessage({ ...job, seq: this.seq } as Job);
  }

  collect(): JobResult {
    const seq = this.pending;
    const deadline = Date.now() + JOB_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(this.ctrl, CTRL.done);
      if (done === seq) {
        const msg = receiveMessageOnPort(this.port);
        if (msg !== undefined) {
          this.pending = 0;
          const r = msg.message as JobResult;
          if (r.kind === 'error') throw new Error(`parallel: worker job failed: ${r.message}`);
          return r;
        }
      }
      if (Date.now() > deadline) throw new Error(`parallel: a worker gave no answer within ${JOB_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.ctrl, CTRL.done, done, 50);
    }
  }

  terminate(): Promise<number> {
    this.port.close();
    return this.worker.terminate();
  }
}

export class ParallelPool {
  private readonly handles: WorkerHandle[];
  /** Set by dispose: the threads are gone, so there is nothing left to release (and no one to answer). */
  private closed = false;

  /** Starts `extraWorkers` threads on `backend` and waits (synchronously) until they are ready. */
  constructor(readonly extraWorkers: number, readonly backend: 'wasm' | 'cpu') {
    if (!(Number.isInteger(extraWorkers) && extraWorkers >= 1)) throw new Error(`ParallelPool: extraWorkers must be a positive integer, found ${extraWorkers}`);
    this.handles = Array.from({ length: extraWorkers }, () => new WorkerHandle(backend));
    try {
      for (const h of this.handles) h.waitReady();
    } catch (e) {
      void this.dispose();
      throw e;
    }
  }

  /** Threads that compute, the main thread included. */
  get threads(): number {
    return this.handles.length + 1;
  }

  /** Where part p of n rows starts: parts differ in size by at most one, larger ones last. */
  private bounds(n: number): number[] {
    const k = this.threads;
    return Array.from({ length: k + 1 }, (_, p) => Math.floor((p * n) / k));
  }

  /**
   * Gradients of one batch in the parts that `bounds` gives (see src/parallel/shards.ts; call it
   * through batchGradients): the main thread computes part 0 with `localParams` (tensors, e.g. the
   * model's variables, holding the values `params`), worker i part i + 1. The parts' gradients are
   * then added in part order, exactly as when one thread computes them in turn.
   */
  gradients(
    localParams: readonly tf.Tensor[], params: Float32Array[], config: CnnConfig, images: Float32Array, labels: Int32Array,
    masks: DropoutMasks, scale: number, bounds: readonly number[],
  ): StepGradients {
    const parts = bounds.length - 1;
    if (parts < 1 || parts > this.threads) throw new Error(`parallel: ${plural(parts, 'part')} for ${plural(this.threads, 'thread')}`);
    this.handles.slice(0, parts - 1).forEach((h, i) => {
      const [s, e] = [bounds[i + 1], bounds[i + 2]];
      h.post({ kind: 'grad', config, params, images: images.slice(s * 784, e * 784), labels: labels.slice(s, e), masks: copyMasks(sliceMasks(masks, s, e)), scale });
    });
    const total = this.drainOnError(() =>
      starterCnnGradients(localParams, config, images.subarray(0, bounds[1] * 784), labels.subarray(0, bounds[1]), sliceMasks(masks, 0, bounds[1]), scale), parts - 1);
    for (const h of this.handles.slice(0, parts - 1)) {
      const r = h.collect();
      if (r.kind !== 'grad') throw new Error(`parallel: expected gradients from a worker, got ${r.kind}`);
      addGradients(total, r);
    }
    return total;
  }

  /** Eval-mode log-probabilities ([n*10]) of [n,28,28,1] images, split across all threads. */
  logProbs(params: Float32Array[], config: CnnConfig, images: Float32Array, batchSize = 1000): Float32Array {
    const n = images.length / 784;
    const b = this.bounds(n);
    this.handles.forEach((h, i) => {
      h.post({ kind: 'predict', config, params, images: images.slice(b[i + 1] * 784, b[i + 2] * 784), batchSize });
    });
    const out = new Float32Array(n * 10);
    this.drainOnError(() => out.set(starterCnnLogProbsFromHost(params, config, images.subarray(0, b[1] * 784), batchSize), 0));
    this.handles.forEach((h, i) => {
      const r = h.collect();
      if (r.kind !== 'predict') throw new Error(`parallel: expected log-probabilities from a worker, got ${r.kind}`);
      out.set(r.logProbs, b[i + 1] * 10);
    });
    return out;
  }

  /** Gives the first `count` workers the network (spec and shared parameters) if they lack it. */
  private setUp(net: SpecNetwork, count: number): void {
    for (const h of this.handles.slice(0, count)) {
      if (h.networks.has(net.id)) continue;
      h.post({ kind: 'net-setup', id: net.id, spec: net.spec, parameters: net.parameters, buffers: net.buffers });
      h.collect();
      h.networks.add(net.id);
    }
  }

  /**
   * A spec network's shards in shard order: shard 0 and any shard beyond the workers here, shard
   * p on worker p − 1. Each shard is computed the same way wherever it runs.
   */
  runShards(net: SpecNetwork, shards: ShardRequest[]): ShardResult[] {
    const busy = Math.min(this.handles.length, shards.length - 1);
    this.setUp(net, busy);
    this.handles.slice(0, busy).forEach((h, i) => h.post({ kind: 'net-grad', id: net.id, version: net.version, shard: copyShard(shards[i + 1]) }));
    const results: ShardResult[] = new Array(shards.length);
    this.drainOnError(() => {
      results[0] = net.local.train(shards[0]);
      for (let p = busy + 1; p < shards.length; p++) results[p] = net.local.train(shards[p]);
    }, busy);
    this.handles.slice(0, busy).forEach((h, i) => {
      const r = h.collect();
      if (r.kind !== 'net-grad') throw new Error(`parallel: expected a shard's gradients from a worker, got ${r.kind}`);
      results[i + 1] = r.result;
    });
    return results;
  }

  /** Eval-mode log-probabilities of a spec network, rows split across all threads. */
  netLogProbs(net: SpecNetwork, images: Float32Array): Float32Array {
    const per = images.length / (net.spec.input[0] * net.spec.input[1] * net.spec.input[2]);
    const b = this.bounds(per), size = images.length / per, k = net.classes;
    this.setUp(net, this.handles.length);
    this.handles.forEach((h, i) => h.post({ kind: 'net-predict', id: net.id, version: net.version, images: images.slice(b[i + 1] * size, b[i + 2] * size) }));
    const out = new Float32Array(per * k);
    this.drainOnError(() => out.set(net.local.logProbs(images.subarray(0, b[1] * size)), 0));
    this.handles.forEach((h, i) => {
      const r = h.collect();
      if (r.kind !== 'predict') throw new Error(`parallel: expected log-probabilities from a worker, got ${r.kind}`);
      out.set(r.logProbs, b[i + 1] * k);
    });
    return out;
  }

  /** Tells the workers that hold the network to drop it. */
  release(net: SpecNetwork): void {
    if (this.closed) return;
    for (const h of this.handles) {
      if (!h.networks.has(net.id)) continue;
      h.post({ kind: 'net-dispose', id: net.id });
      h.collect();
      h.networks.delete(net.id);
    }
  }

  /** How many networks each worker holds, as the workers count them (tests check that disposal reaches them). */
  heldNetworks(): number[] {
    return this.handles.map((h) => {
      h.post({ kind: 'net-count' });
      const r = h.collect();
      if (r.kind !== 'net-count') throw new Error(`parallel: expected a network count from a worker, got ${r.kind}`);
      return r.held;
    });
  }

  /** This pool as the shard runner of spec networks (src/nn/build.ts). */
  get runner(): ShardRunner {
    return {
      run: (net, shards) => this.runShards(net, shards),
      logProbs: (net, images) => this.netLogProbs(net, images),
      release: (net) => this.release(net),
    };
  }

  /** Runs the main thread's share; if it throws, first takes the busy workers' replies so the pool stays usable. */
  private drainOnError<T>(body: () => T, busy = this.handles.length): T {
    try {
      return body();
    } catch (e) {
      for (const h of this.handles.slice(0, busy)) {
        try {
          h.collect();
        } catch {
          // The main thread's error is the one to report.
        }
      }
      throw e;
    }
  }

  async dispose(): Promise<void> {
    this.closed = true;
    await Promise.all(this.handles.map((h) => h.terminate()));
  }
}

/** A shard with its own compact arrays (posting a subarray would copy its whole buffer). */
function copyShard(s: ShardRequest): ShardRequest {
  const targets = s.targets.kind === 'hard' ? { kind: 'hard' as const, labels: s.targets.labels.slice() } : { kind: 'soft' as const, probs: s.targets.probs.slice() };
  return { images: s.images.slice(), targets, weights: s.weights?.slice() ?? null, scale: s.scale, masks: s.masks.map((m) => m?.slice() ?? null) };
}

function copyMasks(m: DropoutMasks): DropoutMasks {
  return { conv2: m.conv2?.slice() ?? null, fc1: m.fc1?.slice() ?? null };
}

let shared: ParallelPool | null = null;
let sharedKey = '';

/**
 * How many extra worker threads training and evaluation use: TRAIN_WORKERS if set (0 = the main
 * thread alone), else one per gradient part beyond the first that the machine has a spare core for.
 * The numbers do not depend on it (see src/parallel/shards.ts), only the speed: on an idle 2-core
 * machine 2 threads trained ~1.5x faster than one; on a machine busy with other jobs, where every
 * wait for the worker costs a scheduler time slice, TRAIN_WORKERS=0 can be faster.
 * Only wasm and cpu backends split (tfjs-node has its own threads).
 */
export function defaultExtraWorkers(backend: string): number {
  const env = process.env.TRAIN_WORKERS;
  if (env === undefined || env.trim() === '') {
    return backend === 'wasm' || backend === 'cpu' ? Math.max(0, Math.min(GRADIENT_SHARDS - 1, availableParallelism() - 1)) : 0;
  }
  const v = Number(env);
  if (!(Number.isInteger(v) && v >= 0 && v <= 16)) throw new Error(`TRAIN_WORKERS: expected an integer from 0 to 16, found ${JSON.stringify(env)}`);
  return backend === 'wasm' || backend === 'cpu' ? v : 0;
}

/**
 * The process-wide pool for the active backend, started on first use (~1-2 s), or null when no
 * extra workers are wanted. Threads are unref'd, so an idle pool never keeps a program running.
 */
export function sharedPool(extraWorkers = defaultExtraWorkers(tf.getBackend())): ParallelPool | null {
  const backend = tf.getBackend();
  if (extraWorkers === 0 || (backend !== 'wasm' && backend !== 'cpu')) return null;
  const key = `${backend}/${extraWorkers}`;
  if (shared !== null && sharedKey === key) return shared;
  if (shared !== null) void shared.dispose();
  shared = new ParallelPool(extraWorkers, backend);
  sharedKey = key;
  return shared;
}

/** Threads the shared pool computes with (main + workers) if it has been started, else 1; starts nothing. */
export function sharedPoolThreads(): number {
  return shared?.threads ?? 1;
}

/** Stops the shared pool's threads (tests; long-lived notebooks that want the memory back). */
export async function disposeSharedPool(): Promise<void> {
  const p = shared;
  shared = null;
  sharedKey = '';
  if (p !== null) await p.dispose();
}

/**
 * Eval-mode log-probabilities of many [n,28,28,1] images (e.g. pseudo-labelling 57k unlabeled
 * images) from parameter arrays in `StarterCnn.variables` order, split across the shared pool's
 * threads and the main thread. Returns [n*10] row-major.
 */
export function predictParallel(params: Float32Array[], config: CnnConfig, images: Float32Array, batchSize = 1000): Float32Array {
  const pool = sharedPool();
  return pool !== null ? pool.logProbs(params, config, images, batchSize) : starterCnnLogProbsFromHost(params, config, images, batchSize);
}
