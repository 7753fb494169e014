/**
 * A worker thread with its own tfjs backend (tfjs-wasm runs single-threaded in Node, so a second
 * core needs a second instance). It computes gradients or log-probabilities for its share of a
 * batch from the parameters it is sent, and signals completion through shared memory, because the
 * main thread waits synchronously (the trainer, src/train/trainer.ts, is synchronous).
 */
import { workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend/select';
import { starterCnnGradients, starterCnnLogProbs, STARTER_PARAM_SHAPES } from '../models/starter-cnn-step';
import { Sequential } from '../nn/sequential';
import { CTRL, type Job, type JobResult, type WorkerInit } from './protocol';

const init = workerData as WorkerInit;
const ctrl = new Int32Array(init.ctrl);

function signal(slot: number, value: number): void {
  Atomics.store(ctrl, slot, value);
  Atomics.notify(ctrl, slot);
}

let tensors: tf.Tensor[] = [];

function upload(params: Float32Array[]): tf.Tensor[] {
  tf.dispose(tensors);
  tensors = params.map((p, i) => tf.tensor(p, [...STARTER_PARAM_SHAPES[i]]));
  return tensors;
}

/** Networks set up by the main thread, by id, with the parameter version their device copies hold. */
const networks = new Map<number, { net: Sequential; version: number }>();

function network(id: number, version: number): Sequential {
  const entry = networks.get(id);
  if (entry === undefined) throw new Error(`worker: network ${id} was never set up`);
  if (entry.version !== version) {
    entry.net.parametersChanged();
    entry.version = version;
  }
  return entry.net;
}

function runNet(job: Job): JobResult | null {
  if (job.kind === 'net-setup') {
    networks.get(job.id)?.net.dispose();
    networks.set(job.id, { net: new Sequential(job.spec, job.parameters, job.buffers), version: -1 });
    return { seq: job.seq, kind: 'net-ready' };
  }
  if (job.kind === 'net-dispose') {
    networks.get(job.id)?.net.dispose();
    networks.delete(job.id);
    return { seq: job.seq, kind: 'net-count', held: networks.size };
  }
  if (job.kind === 'net-count') return { seq: job.seq, kind: 'net-count', held: networks.size };
  if (job.kind === 'net-grad') return { seq: job.seq, kind: 'net-grad', result: network(job.id, job.version).train(job.shard) };
  if (job.kind === 'net-predict') return { seq: job.seq, kind: 'predict', logProbs: network(job.id, job.version).logProbs(job.images) };
  return null;
}

function run(job: Job): JobResult {
  const net = runNet(job);
  if (net !== null) return net;
  if (job.kind !== 'grad' && job.kind !== 'predict') throw new Error(`worker: unknown job ${job.kind}`);
  const params = upload(job.params);
  if (job.kind === 'grad') {
    const r = starterCnnGradients(params, job.config, job.images, job.labels, job.masks, job.scale);
    return { seq: job.seq, kind: 'grad', grads: r.grads, lossSum: r.lossSum, correct: r.correct };
  }
  return { seq: job.seq, kind: 'predict', logProbs: starterCnnLogProbs(params, job.config, job.images, job.batchSize) };
}

async function main(): Promise<void> {
  const port = init.port;
  try {
    await initBackend(init.backend);
  } catch (e) {
    port.postMessage({ seq: 0, kind: 'error', message: (e as Error).message } satisfies JobResult);
    signal(CTRL.ready, -1);
    return;
  }
  port.on('message', (job: Job) => {
    let result: JobResult;
    try {
      result = run(job);
    } catch (e) {
      result = { seq: job.seq, kind: 'error', message: (e as Error).stack ?? String(e) };
    }
    const transfer = result.kind === 'grad' ? result.grads.map((g) => g.buffer as ArrayBuffer)
      : result.kind === 'net-grad' ? [...result.result.grads, ...result.result.stats, result.result.rowLoss, result.result.rowCorrect].map((g) => g.buffer as ArrayBuffer)
        : result.kind === 'predict' ? [result.logProbs.buffer as ArrayBuffer] : [];
    // The message is queued before the flag flips, so the waiting main thread finds it.
    port.postMessage(result, transfer);
    signal(CTRL.done, job.seq);
  });
  signal(CTRL.ready, 1);
}

void main();
