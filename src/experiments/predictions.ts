import { writeFileAtomic } from '../results/atomic-write';

/**
 * Per-image majority vote over seeds. With three seeds a tie means three different answers; it goes
 * to the lowest seed's answer (the first array), so the vote never invents a class nobody predicted.
 */
export function majorityVote(predictions: readonly Uint8Array[]): Uint8Array {
  if (predictions.length === 0) throw new Error('majorityVote: expected at least one prediction array, got none');
  const n = predictions[0].length;
  for (const p of predictions) {
    if (p.length !== n) throw new Error(`majorityVote: all prediction arrays must have ${n} entries, found ${p.length}`);
  }
  const out = new Uint8Array(n);
  const votes = new Int32Array(10);
  for (let i = 0; i < n; i++) {
    votes.fill(0);
    for (const p of predictions) votes[p[i]]++;
    let best = predictions[0][i];
    for (let c = 0; c < 10; c++) if (votes[c] > votes[best]) best = c;
    out[i] = best;
  }
  return out;
}

/** `id,label` with id = index of the image in the MNIST test file, one row per image. */
export function predictionsCsv(labels: Uint8Array): string {
  const lines = ['id,label'];
  for (let i = 0; i < labels.length; i++) lines.push(`${i},${labels[i]}`);
  return `${lines.join('\n')}\n`;
}

export function writePredictionsCsv(path: string, labels: Uint8Array): void {
  if (labels.length !== 10000) throw new Error(`writePredictionsCsv: expected 10,000 test predictions, found ${labels.length}`);
  writeFileAtomic(path, predictionsCsv(labels));
}
