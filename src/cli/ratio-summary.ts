/**
 * The arithmetic of bench:ratio: medians over rounds and, per round, our figure over the peer's
 * figure at 1 and 2 threads and at its better thread count of that round (issue 18 asks the latter:
 * PyTorch at its best), so a loaded round moves both sides together.
 */
import { median } from '../stats/summary';

export const PEER_THREADS = [1, 2] as const;

/** Throughput figures by metric: train and infer (img/s), or fixmatch (unlabeled img/s). */
export type Figures = Record<string, number>;

export interface Round {
  ours: { figures: Figures; threads: number; backend: string };
  /** The peer's figures at 1 and 2 threads (empty without the peer). */
  pt: Figures[];
}

/** The peer's better figure of a round for one metric, and the thread count that gave it. */
export function bestPeer(round: Round, k: string): { value: number; threads: number } {
  const i = round.pt[0][k] >= round.pt[1][k] ? 0 : 1;
  return { value: round.pt[i][k], threads: PEER_THREADS[i] };
}

export function summarizeRounds(metrics: string[], rounds: Round[], withPeer: boolean): Record<string, number | string> {
  const summary: Record<string, number | string> = { runs: rounds.length, backend: rounds[0].ours.backend, threads: rounds[0].ours.threads };
  for (const k of metrics) {
    summary[`ours_${k}`] = median(rounds.map((x) => x.ours.figures[k]));
    if (!withPeer) continue;
    PEER_THREADS.forEach((t, i) => {
      summary[`pytorch${t}_${k}`] = median(rounds.map((x) => x.pt[i][k]));
      summary[`ratio_vs_pytorch${t}_${k}`] = Number(median(rounds.map((x) => x.ours.figures[k] / x.pt[i][k])).toFixed(3));
    });
    // The ratio of each round's own figures, so a loaded round moves both sides together.
    summary[`ratio_vs_pytorch_best_${k}`] = Number(median(rounds.map((x) => x.ours.figures[k] / bestPeer(x, k).value)).toFixed(3));
    summary[`pytorch_best_threads_${k}`] = rounds.map((x) => bestPeer(x, k).threads).join(',');
  }
  return summary;
}
