// Our `npm run bench` against the PyTorch peer (1 and 2 threads) on the same machine, alternating
// round by round so that both see the same background load, then medians and median ratios. Each
// round's ratio is taken against PyTorch's better thread count of that round (issue 18's yardstick).
//
//   npm run bench:ratio -- [--model starter|bn32x64] [--fixmatch] [--runs 5] [--epochs N] [--json]
//
// The peer needs Debian's python3-torch at /usr/bin/python3; without it the peer is skipped with a
// message and only our figures are reported.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../results/provenance';
import { parseFlags, runMain, UsageError } from './args';
import { PEER_THREADS, summarizeRounds, type Figures, type Round } from './ratio-summary';
import { plural } from '../results/plural';

const PYTHON = '/usr/bin/python3';
// The peer lives in the shared folder beside the repository (../shared/bench/ from the repo root).
const PEER = process.env.PEER_PYTORCH ?? join(REPO_ROOT, '..', 'shared', 'bench', 'peer_pytorch.py');

const SPEC = {
  model: { kind: 'string', help: 'model spec both sides train: starter (default) or bn32x64' },
  'hand-written': { kind: 'boolean', help: "ours on today's hand-written starter step instead of the engine" },
  fixmatch: { kind: 'boolean', help: "the FixMatch step (peer STEP 'fixmatch', unlabeled img/s) instead of plain training and inference" },
  runs: { kind: 'int', min: 1, max: 1000, help: 'rounds, each ours then PyTorch on 1 and 2 threads (default 5)' },
  epochs: { kind: 'int', min: 1, max: 1000, help: "our timed epochs per round, passed to bench (default: bench's 3)" },
  json: { kind: 'boolean', help: 'end with one JSON line of the medians and ratios' },
} as const;

/** What one invocation measures: our JSON keys and the peer's output patterns, per metric. */
interface Workload {
  step: 'plain' | 'fixmatch';
  ours: Record<string, string>;
  peer: Record<string, RegExp>;
}

const PLAIN: Workload = {
  step: 'plain',
  ours: { train: 'train_img_per_s', infer: 'infer_img_per_s' },
  peer: { train: /train (\d+(?:\.\d+)?) img\/s/, infer: /infer (\d+(?:\.\d+)?) img\/s/ },
};
const FIXMATCH: Workload = {
  step: 'fixmatch',
  ours: { fixmatch: 'fixmatch_unlabeled_img_per_s' },
  peer: { fixmatch: /fixmatch (\d+(?:\.\d+)?) unlabeled img\/s/ },
};

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`bench-ratio: ${cmd} ${args.join(' ')} exited with ${r.status}: ${(r.stderr ?? '').slice(-2000)}`);
  return r.stdout;
}

function ours(w: Workload, benchArgs: string[]): Round['ours'] {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const lines = run(tsx, [join(REPO_ROOT, 'src', 'cli', 'bench.ts'), '--json', ...benchArgs]).trim().split('\n');
  const j = JSON.parse(lines[lines.length - 1]) as Record<string, number | string>;
  const figures: Figures = {};
  for (const [k, key] of Object.entries(w.ours)) figures[k] = Number(j[key]);
  return { figures, threads: Number(j.threads), backend: String(j.backend) };
}

/** Why the peer cannot run here, or null when it can. */
function peerUnavailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  if (!existsSync(PEER)) return `${PEER} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${PYTHON} cannot import torch (install Debian's python3-torch)`;
}

function peer(w: Workload, threads: number, model: string): Figures {
  const out = run(PYTHON, [PEER, String(threads), model, w.step]);
  const figures: Figures = {};
  for (const [k, pattern] of Object.entries(w.peer)) {
    figures[k] = Number(pattern.exec(out)?.[1]);
    if (!(figures[k] > 0)) throw new Error(`bench-ratio: could not read the peer's ${k} figure from ${JSON.stringify(out)}`);
  }
  return figures;
}

/** lscpu's model name and CPU family, since the ratio depends on the CPU. */
function cpuName(): string {
  const r = spawnSync('lscpu', [], { encoding: 'utf8' });
  if (r.status !== 0) return 'unknown CPU (lscpu failed)';
  const field = (name: string): string => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(r.stdout)?.[1].trim() ?? '?';
  return `${field('Model name')}, family ${field('CPU family')}`;
}

function printSummary(w: Workload, s: Record<string, number | string>, withPeer: boolean): void {
  for (const k of Object.keys(w.ours)) {
    console.log(`${k}: ours ${s[`ours_${k}`]} img/s (median of ${s.runs} rounds)`);
    if (!withPeer) continue;
    for (const t of PEER_THREADS) console.log(`  pytorch ${t} thread${t > 1 ? 's' : ''}: ${s[`pytorch${t}_${k}`]} img/s, ours/pytorch ${s[`ratio_vs_pytorch${t}_${k}`]}x`);
    console.log(`  ours / pytorch at its better thread count per round (threads ${s[`pytorch_best_threads_${k}`]}): ${s[`ratio_vs_pytorch_best_${k}`]}x (median of per-round ratios)`);
  }
}

runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, 'npm run bench:ratio --');
  const runs = flags.runs === undefined ? 5 : Number(flags.runs);
  const model = flags.model === undefined ? 'starter' : String(flags.model);
  if (!['starter', 'bn32x64'].includes(model)) throw new UsageError(`bench-ratio: --model must be starter or bn32x64 (the peer's two networks), found ${JSON.stringify(model)}`);
  const hand = flags['hand-written'] === true;
  if (hand && model !== 'starter') throw new UsageError(`bench-ratio: --hand-written exists for the starter model only, found --model ${model}`);
  if (hand && flags.fixmatch) throw new UsageError('bench-ratio: --fixmatch runs on the engine only, not with --hand-written');
  const w = flags.fixmatch ? FIXMATCH : PLAIN;
  const benchArgs = ['--model', model, ...(hand ? ['--hand-written'] : []), ...(flags.fixmatch ? ['--fixmatch'] : []), ...(flags.epochs !== undefined ? ['--epochs', String(flags.epochs)] : [])];
  const noPeer = peerUnavailable();
  if (noPeer !== null) console.log(`PyTorch peer skipped: ${noPeer}`);
  const cpu = cpuName();
  console.log(`CPU: ${cpu}`);
  const rounds: Round[] = [];
  for (let r = 1; r <= runs; r++) {
    const row: Round = { ours: ours(w, benchArgs), pt: noPeer === null ? PEER_THREADS.map((t) => peer(w, t, model)) : [] };
    rounds.push(row);
    const fmt = (f: Figures): string => Object.values(f).join('/');
    const p = row.pt.length > 0 ? ` | pytorch 1t ${fmt(row.pt[0])}, 2t ${fmt(row.pt[1])}` : '';
    console.log(`round ${r}/${runs} (${Object.keys(w.ours).join('/')}): ours (${row.ours.backend}, ${plural(row.ours.threads, 'thread')}) ${fmt(row.ours.figures)}${p}`);
  }
  const summary = { model, step: w.step, cpu, ...summarizeRounds(Object.keys(w.ours), rounds, noPeer === null) };
  printSummary(w, summary, noPeer === null);
  if (flags.json) console.log(JSON.stringify(summary));
});
