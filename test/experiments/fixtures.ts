import { getRunConfig } from '../../src/experiments/registry';
import { RUN_SCHEMA, type RunRecord } from '../../src/results/run-record';
import type { EpochRecord } from '../../src/train/records';

/** A run record with made-up numbers, for tests that only read records. */
export function fakeRecord(name: string, seed: number, final: Partial<EpochRecord>, predictions = ''): RunRecord {
  const epoch: EpochRecord = {
    epoch: 1,
    trainLoss: 1,
    trainAccuracy: 0.5,
    evalTrainLoss: 1,
    evalTrainAccuracy: 0.5,
    validationLoss: 1,
    validationAccuracy: 0.5,
    trainSeconds: 1,
    seconds: 2,
    ...final,
  };
  return {
    schema: RUN_SCHEMA,
    key: `fake-${name}-${seed}`,
    experiment: name,
    config: { ...getRunConfig(name), epochs: 1 },
    seed,
    backend: { name: 'cpu', tfjsVersion: 'test', detail: 'fake' } as RunRecord['backend'],
    versions: {},
    startedAt: '2024-01-01T00:00:00.000Z',
    finishedAt: '2024-01-01T00:00:02.000Z',
    wallSeconds: 2,
    epochs: [epoch],
    final: epoch,
    validationPredictions: predictions,
  };
}
