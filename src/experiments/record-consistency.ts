import { basename } from 'node:path';
import { decodePredictions } from '../results/run-record';
import type { RunConfig } from './config';

/** What a record must agree with before it is reused. */
export interface ConsistencyExpectation {
  config: RunConfig;
  seed: number;
  /** The key recomputed from the record's own config, seed and backend (runKey). */
  keyFromContent: string;
  /** True labels of the validation images the run was scored on. */
  validationLabels: Uint8Array;
}

/** Accuracies are stored as fractions of float64 sums; a hand edit moves them far more than this. */
const ACCURACY_TOLERANCE = 1e-9;

/**
 * The first way in which a saved record contradicts itself or the run asking for it, as
 * "field: what was found, what was expected"; undefined if it is consistent. A hand-edited
 * accuracy, seed, epoch list or key is caught here, before reuse puts it into summary.json.
 */
export function recordInconsistency(path: string, record: Record<string, unknown>, expected: ConsistencyExpectation): string | undefined {
  const seedInPath = /^seed-(\d+)\.json$/.exec(basename(path))?.[1];
  if (record.seed !== expected.seed || (seedInPath !== undefined && Number(seedInPath) !== record.seed)) {
    return `field 'seed' is ${JSON.stringify(record.seed)}, but the run (and the file name) say seed ${expected.seed}`;
  }
  if (record.key !== expected.keyFromContent) return `field 'key' is ${JSON.stringify(record.key)}, but the record's own config, seed and backend give ${expected.keyFromContent}`;
  return epochsInconsistency(record, expected.config) ?? accuracyInconsistency(record, expected.validationLabels);
}

function epochsInconsistency(record: Record<string, unknown>, config: RunConfig): string | undefined {
  const epochs = record.epochs as { epoch?: unknown }[];
  if (epochs.length !== config.epochs) return `field 'epochs' has ${epochs.length} epoch(s), but its config trains ${config.epochs}`;
  const misnumbered = epochs.findIndex((e, i) => e?.epoch !== i + 1);
  if (misnumbered >= 0) return `field 'epochs' entry ${misnumbered} is epoch ${JSON.stringify(epochs[misnumbered]?.epoch)}, expected ${misnumbered + 1}`;
  const final = record.final as { epoch?: unknown; validationAccuracy?: unknown };
  if (JSON.stringify(final) !== JSON.stringify(epochs[epochs.length - 1])) return `field 'final' is not the last entry of 'epochs'`;
  return undefined;
}

function accuracyInconsistency(record: Record<string, unknown>, labels: Uint8Array): string | undefined {
  const predictions = decodePredictions(record.validationPredictions as string);
  if (predictions.length !== labels.length) return `field 'validationPredictions' has ${predictions.length} digits, expected one per validation image (${labels.length})`;
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) right++;
  const accuracy = right / labels.length;
  const stored = (record.final as { validationAccuracy?: unknown }).validationAccuracy;
  if (typeof stored !== 'number' || Math.abs(stored - accuracy) > ACCURACY_TOLERANCE) {
    return `field 'final.validationAccuracy' is ${JSON.stringify(stored)}, but its own validationPredictions score ${accuracy} against the true labels`;
  }
  return undefined;
}
