/**
 * One-off migration of the committed records from the raw-bytes code hash to the normalized one
 * (src/results/provenance.ts). A record is re-keyed only if the OLD scheme, computed from today's
 * code, gives exactly its stored key: proof that it was trained on this very code. Any other record
 * is left untouched and reported, so it stays stale and says so.
 *
 *   npx tsx scripts/rekey-records.ts [results-folder]   (default data/results)
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_SHA256 } from '../src/data/mnist';
import { loadCourseSplit } from '../src/data/split';
import { heldOutSplit } from '../src/experiments/held-out';
import { writeJsonAtomic } from '../src/results/atomic-write';
import { canonicalJson, codeManifest, REPO_ROOT, resultCodeFiles, resultKey } from '../src/results/provenance';

/** The code hash as provenance.ts computed it before the normalized scheme: raw bytes of each file. */
function oldCodeHash(): string {
  const hash = createHash('sha256');
  for (const file of resultCodeFiles()) {
    hash.update(file);
    hash.update('\0');
    hash.update(readFileSync(join(REPO_ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function oldKey(parts: { config: unknown; seed: number; backend: string }, code: string): string {
  return createHash('sha256').update(canonicalJson({ ...parts, code, data: MNIST_SHA256 })).digest('hex').slice(0, 16);
}

function recordFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return recordFiles(path);
    return /^seed-\d+\.json$/.test(name) ? [path] : [];
  });
}

function main(): void {
  const root = process.argv[2] ?? join(REPO_ROOT, 'data', 'results');
  const code = oldCodeHash();
  const dataNames = [heldOutSplit(loadCourseSplit().labeled).train.name];
  let rekeyed = 0;
  let already = 0;
  const left: string[] = [];
  for (const path of recordFiles(join(root, 'runs'))) {
    const record = JSON.parse(readFileSync(path, 'utf8'));
    // Runs on other data than the course split (the held-out selections) have its name in the key.
    const keyedConfigs = [record.config, ...dataNames.map((data) => ({ ...record.config, data }))];
    const config = keyedConfigs.find((c) => oldKey({ config: c, seed: record.seed, backend: record.backend?.name }, code) === record.key);
    if (config === undefined) {
      const current = keyedConfigs.some((c) => resultKey({ config: c, seed: record.seed, backend: record.backend?.name }) === record.key);
      if (current) already++;
      else left.push(path);
      continue;
    }
    const parts = { config, seed: record.seed, backend: record.backend?.name };
    writeJsonAtomic(path, { ...record, key: resultKey(parts), codeFiles: codeManifest() });
    rekeyed++;
  }
  console.log(`re-keyed ${rekeyed} record(s) under ${root}; ${already} already under the new key`);
  for (const path of left) console.log(`left as it was (its key is not the old key of today's code, so it was trained on other code): ${path}`);
}

main();
