/**
 * Per-kernel wall time for one backend, by wrapping every registered kernel function.
 *
 * tf.profile reports each top-level kernel but not the kernels our composite kernels call directly,
 * and it adds its own data reads; this wrapper is cheap and counts *exclusive* time (a kernel that
 * calls others, like our Conv2DBackpropInput calling Conv2D, is charged only for its own part).
 * Kernels are looked up at call time, so wrap after every registration and before the work.
 */
import * as tf from '@tensorflow/tfjs';

export interface KernelStat {
  name: string;
  calls: number;
  /** Milliseconds spent in the kernel itself, minus the kernels it called. */
  exclusiveMs: number;
}

export interface KernelTimer {
  stats(): KernelStat[];
  reset(): void;
  /** Restores the original kernel functions. */
  restore(): void;
}

/** 'cpu' charges process CPU time (µs resolution), which stays meaningful on a loaded machine. */
export type Clock = 'wall' | 'cpu';

function clockFn(clock: Clock): () => number {
  if (clock === 'wall') return () => performance.now();
  return () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
}

export function wrapKernels(backendName: string, clock: Clock = 'wall'): KernelTimer {
  const now = clockFn(clock);
  const table = new Map<string, { calls: number; ms: number }>();
  const originals = tf.getKernelsForBackend(backendName);
  const childMs: number[] = [];
  for (const config of originals) {
    const inner = config.kernelFunc;
    const name = config.kernelName;
    const wrapped: tf.KernelFunc = (args) => {
      childMs.push(0);
      const t0 = now();
      try {
        return inner(args);
      } finally {
        const total = now() - t0;
        const children = childMs.pop() ?? 0;
        if (childMs.length > 0) childMs[childMs.length - 1] += total;
        const row = table.get(name) ?? { calls: 0, ms: 0 };
        row.calls++;
        row.ms += total - children;
        table.set(name, row);
      }
    };
    tf.unregisterKernel(name, backendName);
    tf.registerKernel({ ...config, kernelFunc: wrapped });
  }
  return {
    stats: () => [...table].map(([name, r]) => ({ name, calls: r.calls, exclusiveMs: r.ms })).sort((a, b) => b.exclusiveMs - a.exclusiveMs),
    reset: () => table.clear(),
    restore: () => {
      for (const config of originals) {
        tf.unregisterKernel(config.kernelName, backendName);
        tf.registerKernel(config);
      }
    },
  };
}
