/**
 * Trains the first epochs of frozen runs again with today's trainer and compares the per-epoch
 * numbers with the frozen record, field by field, exactly (===). Usage:
 *   npx tsx scripts/check-frozen-curves.ts <path to run record> [epochs=2]
 */
import { initBackend } from '../src/backend/select';
import { CURVE_FIELDS, retrainFirstEpochs } from '../src/experiments/frozen-curves';
import { readRunRecord } from '../src/results/run-record';
import { makeProgress } from '../src/train/progress';
import { plural } from '../src/results/plural';

async function main(): Promise<void> {
  const [path, epochsArg] = process.argv.slice(2);
  const epochs = Number(epochsArg ?? 2);
  await initBackend();
  // readRunRecord gives older records today's config shape, so the one runner's training serves every record.
  const record = readRunRecord(path);
  const got = retrainFirstEpochs(record, epochs, makeProgress(process.stderr));
  let same = true;
  got.forEach((g, i) => {
    for (const f of CURVE_FIELDS) {
      const want = record.epochs[i][f];
      const ok = g.record[f] === want;
      same &&= ok;
      process.stdout.write(`epoch ${i + 1} ${f}: ${ok ? 'identical' : `DIFFERS new ${g.record[f]} frozen ${want}`}\n`);
    }
    if (record.semi) {
      const frozen = record.semi[i] as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(g.semi as Record<string, unknown>)) {
        const ok = v === frozen[k];
        same &&= ok;
        process.stdout.write(`epoch ${i + 1} semi.${k}: ${ok ? 'identical' : `DIFFERS new ${v} frozen ${frozen[k]}`}\n`);
      }
    }
  });
  process.stdout.write(`${path}: ${same ? 'bit-identical' : 'DIFFERENT'} over ${plural(got.length, 'epoch')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
