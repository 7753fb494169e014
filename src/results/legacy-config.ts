import type { RunConfig } from '../experiments/config';

/**
 * Records written before the supervised and semi-supervised configs became one RunConfig hold one of
 * two older shapes: supervised ones name the labeled augmentation `augment` and omit the schedule
 * (constant) and the unlabeled fields; semi-supervised ones carry a `method` label. Readers see
 * today's shape either way, so the frozen results stay readable.
 */
export function upgradeRecordConfig(config: Record<string, unknown>): RunConfig {
  if ('unlabeled' in config && !('method' in config) && !('augment' in config)) return config as unknown as RunConfig;
  const { augment, method: _method, ...rest } = config;
  return {
    lrSchedule: 'constant',
    unlabeled: null,
    unlabeledPool: null,
    ...rest,
    labeledAugment: (rest.labeledAugment ?? augment ?? null) as RunConfig['labeledAugment'],
  } as unknown as RunConfig;
}
