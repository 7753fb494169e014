import type { MessagePort } from 'node:worker_threads';
import type { CnnConfig } from '../models/config';
import type { DropoutMasks } from '../models/starter-cnn-step';
import type { ShardRequest, ShardResult } from '../nn/sequential';
import type { ModelSpec } from '../nn/spec';

/** Slots of the shared Int32Array the main thread blocks on (it cannot take messages while it waits). */
export const CTRL = {
  /** Set to 1 by the worker once its backend is up; -1 if start-up failed. */
  ready: 0,
  /** The sequence number of the last job the worker finished. */
  done: 1,
  length: 2,
} as const;

export interface WorkerInit {
  backend: 'wasm' | 'cpu';
  ctrl: SharedArrayBuffer;
  /** Jobs arrive and results leave here; the main thread reads results with receiveMessageOnPort. */
  port: MessagePort;
  /** Absolute path of worker.ts, which worker-shim.mjs imports after registering tsx. */
  entry: string;
}

export interface GradJob {
  kind: 'grad';
  seq: number;
  config: CnnConfig;
  /** Parameters in `StarterCnn.variables` order. */
  params: Float32Array[];
  images: Float32Array;
  labels: Int32Array;
  masks: DropoutMasks;
  scale: number;
}

export interface PredictJob {
  kind: 'predict';
  seq: number;
  config: CnnConfig;
  params: Float32Array[];
  images: Float32Array;
  batchSize: number;
}

/**
 * Once per network and worker: the spec, and the network's parameters and buffers, which live in
 * SharedArrayBuffers, so the worker sees every optimizer update without further messages.
 */
export interface NetSetupJob {
  kind: 'net-setup';
  seq: number;
  id: number;
  spec: ModelSpec;
  parameters: Float32Array[];
  buffers: Float32Array[];
}

/** One shard of a batch for a network set up before; `version` changes when its parameters do. */
export interface NetGradJob {
  kind: 'net-grad';
  seq: number;
  id: number;
  version: number;
  shard: ShardRequest;
}

export interface NetPredictJob {
  kind: 'net-predict';
  seq: number;
  id: number;
  version: number;
  images: Float32Array;
}

/** The network was disposed on the main thread: the worker drops its copy (layers, device tensors, the shared arrays' references). */
export interface NetDisposeJob {
  kind: 'net-dispose';
  seq: number;
  id: number;
}

/** How many networks the worker holds (a leak check for tests). */
export interface NetCountJob {
  kind: 'net-count';
  seq: number;
}

export type Job = GradJob | PredictJob | NetSetupJob | NetGradJob | NetPredictJob | NetDisposeJob | NetCountJob;

export type JobResult =
  | { seq: number; kind: 'grad'; grads: Float32Array[]; lossSum: number; correct: number }
  | { seq: number; kind: 'predict'; logProbs: Float32Array }
  | { seq: number; kind: 'net-ready' }
  | { seq: number; kind: 'net-count'; held: number }
  | { seq: number; kind: 'net-grad'; result: ShardResult }
  | { seq: number; kind: 'error'; message: string };
