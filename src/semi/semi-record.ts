import type { RunRecord } from '../results/run-record';
import { readRunRecord } from '../results/run-record';
import type { SemiConfig } from './config';
import type { SemiEpoch } from '../train/epoch-tally';

/** A RunRecord whose config is a SemiConfig, plus the per-epoch pseudo-label log. */
export interface SemiRunRecord extends Omit<RunRecord, 'config'> {
  config: SemiConfig;
  semi: SemiEpoch[];
}

export function readSemiRunRecord(path: string): SemiRunRecord {
  const record = readRunRecord(path) as unknown as SemiRunRecord;
  if (!Array.isArray(record.semi)) throw new Error(`${path}: missing field 'semi' (per-epoch pseudo-label log)`);
  if (record.semi.length !== record.epochs.length) {
    throw new Error(`${path}: 'semi' has ${record.semi.length} epochs but 'epochs' has ${record.epochs.length}`);
  }
  return record;
}
