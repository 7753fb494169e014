// Our `npm run bench` against the PyTorch peer (1 and 2 threads) on the same machine, alternating
// round by round so that both see the same background load, then medians and median ratios.
//
//   npm run bench:ratio -- [--model starter|bn32x64] [--runs 5] [--json]
//
// The peer needs Debian's python3-torch at /usr/bin/python3; without it the peer is skipped with a
// message and only our figures are reported.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../results/provenance';
import { median } from '../stats/summary';
import { parseFlags, runMain, UsageError } from './args';

const PYTHON = '/usr/bin/python3';
// The peer lives in the shared folder beside the repository (../shared/bench/ from the repo root).
const PEER = process.env.PEER_PYTORCH ?? join(REPO_ROOT, '..', 'shared', 'bench', 'peer_pytorch.py');

const SPEC = {
  model: { kind: 'string', help: 'model spec both sides train: starter (default) or bn32x64' },
  'hand-written': { kind: 'boolean', help: "ours on today's hand-written starter step instead of the engine" },
  runs: { kind: 'int', min: 1, max: 1000, help: 'rounds, each ours then PyTorch on 1 and 2 threads (default 5)' },
  json: { kind: 'boolean', help: 'end with one JSON line of the medians and ratios' },
} as const;

interface Figures {
  train: number;
  infer: number;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`bench-ratio: ${cmd} ${args.join(' ')} exited with ${r.status}: ${(r.stderr ?? '').slice(-2000)}`);
  return r.stdout;
}

function ours(model: string, handWritten: boolean): Figures & { threads: number; backend: string } {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const lines = run(tsx, [join(REPO_ROOT, 'src', 'cli', 'bench.ts'), '--json', '--model', model, ...(handWritten ? ['--hand-written'] : [])]).trim().split('\n');
  const j = JSON.parse(lines[lines.length - 1]) as { train_img_per_s: number; infer_img_per_s: number; threads: number; backend: string };
  return { train: j.train_img_per_s, infer: j.infer_img_per_s, threads: j.threads, backend: j.backend };
}

/** Why the peer cannot run here, or null when it can. */
function peerUnavailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  if (!existsSync(PEER)) return `${PEER} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${PYTHON} cannot import torch (install Debian's python3-torch)`;
}

function peer(threads: number, model: string): Figures {
  const out = run(PYTHON, [PEER, String(threads), model]);
  const train = Number(/train (\d+(?:\.\d+)?) img\/s/.exec(out)?.[1]);
  const infer = Number(/infer (\d+(?:\.\d+)?) img\/s/.exec(out)?.[1]);
  if (!(train > 0 && infer > 0)) throw new Error(`bench-ratio: could not read the peer's figures from ${JSON.stringify(out)}`);
  return { train, infer };
}

runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, 'npm run bench:ratio --');
  const runs = flags.runs === undefined ? 5 : Number(flags.runs);
  const model = flags.model === undefined ? 'starter' : String(flags.model);
  if (!['starter', 'bn32x64'].includes(model)) throw new UsageError(`bench-ratio: --model must be starter or bn32x64 (the peer's two networks), found ${JSON.stringify(model)}`);
  if (flags['hand-written'] === true && model !== 'starter') throw new UsageError(`bench-ratio: --hand-written exists for the starter model only, found --model ${model}`);
  const noPeer = peerUnavailable();
  if (noPeer !== null) console.log(`PyTorch peer skipped: ${noPeer}`);
  const rounds: { ours: ReturnType<typeof ours>; pt: Figures[] }[] = [];
  for (let r = 1; r <= runs; r++) {
    const row = { ours: ours(model, flags['hand-written'] === true), pt: noPeer === null ? [peer(1, model), peer(2, model)] : [] };
    rounds.push(row);
    const p = row.pt.length > 0 ? ` | pytorch 1t ${row.pt[0].train}/${row.pt[0].infer}, 2t ${row.pt[1].train}/${row.pt[1].infer}` : '';
    console.log(`round ${r}/${runs}: ours (${row.ours.backend}, ${row.ours.threads} threads) train ${row.ours.train} infer ${row.ours.infer}${p}`);
  }

  const summary: Record<string, number | string> = { model, runs, backend: rounds[0].ours.backend, threads: rounds[0].ours.threads };
  for (const k of ['train', 'infer'] as const) summary[`ours_${k}`] = median(rounds.map((x) => x.ours[k]));
  if (noPeer === null) {
    for (const t of [1, 2]) {
      for (const k of ['train', 'infer'] as const) {
        summary[`pytorch${t}_${k}`] = median(rounds.map((x) => x.pt[t - 1][k]));
        // The ratio of each round's own figures, so a loaded round moves both sides together.
        summary[`ratio_vs_pytorch${t}_${k}`] = Number(median(rounds.map((x) => x.ours[k] / x.pt[t - 1][k])).toFixed(3));
      }
    }
  }
  console.log(`medians over ${runs} rounds: ours train ${summary.ours_train} infer ${summary.ours_infer} img/s`);
  if (noPeer === null) {
    for (const t of [1, 2]) {
      console.log(`  pytorch ${t} thread${t > 1 ? 's' : ''}: train ${summary[`pytorch${t}_train`]} infer ${summary[`pytorch${t}_infer`]} img/s; ` +
        `ours/pytorch (median of per-round ratios): train ${summary[`ratio_vs_pytorch${t}_train`]}x infer ${summary[`ratio_vs_pytorch${t}_infer`]}x`);
    }
  }
  if (flags.json) console.log(JSON.stringify(summary));
});
