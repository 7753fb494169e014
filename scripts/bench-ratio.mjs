// Our `npm run bench` against the PyTorch peer (1 and 2 threads) on the same machine, alternating
// round by round so that both see the same background load, then medians and median ratios.
//
//   node scripts/bench-ratio.mjs [--runs 5] [--json]
//
// The peer needs Debian's python3-torch at /usr/bin/python3; without it the peer is skipped with a
// message and only our figures are reported.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
// The peer lives in the shared folder beside the repository (../shared/bench/ from the repo root).
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const PEER = process.env.PEER_PYTORCH ?? join(REPO, '..', 'shared', 'bench', 'peer_pytorch.py');

function parseArgs(argv) {
  const out = { runs: 5, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') out.json = true;
    else if (argv[i] === '--runs') {
      out.runs = Number(argv[++i]);
      if (!Number.isInteger(out.runs) || out.runs < 1) throw new Error(`bench-ratio: --runs expects a positive integer, found ${argv[i]}`);
    } else throw new Error(`bench-ratio: unknown argument ${JSON.stringify(argv[i])} (expected --runs N, --json)`);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`bench-ratio: ${cmd} ${args.join(' ')} exited with ${r.status}: ${(r.stderr ?? '').slice(-2000)}`);
  return r.stdout;
}

function ours() {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const lines = run(tsx, ['src/cli/bench.ts', '--json']).trim().split('\n');
  const j = JSON.parse(lines[lines.length - 1]);
  return { train: j.train_img_per_s, infer: j.infer_img_per_s, workers: j.workers ?? 1, backend: j.backend };
}

function peerAvailable() {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  if (!existsSync(PEER)) return `${PEER} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${PYTHON} cannot import torch (install Debian's python3-torch)`;
}

function peer(threads) {
  const out = run(PYTHON, [PEER, String(threads)]);
  const train = Number(/train (\d+(?:\.\d+)?) img\/s/.exec(out)?.[1]);
  const infer = Number(/infer (\d+(?:\.\d+)?) img\/s/.exec(out)?.[1]);
  if (!(train > 0 && infer > 0)) throw new Error(`bench-ratio: could not read the peer's figures from ${JSON.stringify(out)}`);
  return { train, infer };
}

const opts = parseArgs(process.argv.slice(2));
const noPeer = peerAvailable();
if (noPeer !== null) console.log(`PyTorch peer skipped: ${noPeer}`);
const rounds = [];
for (let r = 1; r <= opts.runs; r++) {
  const row = { ours: ours() };
  if (noPeer === null) {
    row.pt1 = peer(1);
    row.pt2 = peer(2);
  }
  rounds.push(row);
  const p = row.pt1 ? ` | pytorch 1t ${row.pt1.train}/${row.pt1.infer}, 2t ${row.pt2.train}/${row.pt2.infer}` : '';
  console.log(`round ${r}/${opts.runs}: ours (${row.ours.backend}, ${row.ours.workers} threads) train ${row.ours.train} infer ${row.ours.infer}${p}`);
}

const summary = { runs: opts.runs, backend: rounds[0].ours.backend, workers: rounds[0].ours.workers };
for (const k of ['train', 'infer']) summary[`ours_${k}`] = median(rounds.map((x) => x.ours[k]));
if (noPeer === null) {
  for (const t of [1, 2]) {
    for (const k of ['train', 'infer']) {
      summary[`pytorch${t}_${k}`] = median(rounds.map((x) => x[`pt${t}`][k]));
      // The ratio of each round's own figures, so a loaded round moves both sides together.
      summary[`ratio_vs_pytorch${t}_${k}`] = Number(median(rounds.map((x) => x.ours[k] / x[`pt${t}`][k])).toFixed(3));
    }
  }
}
console.log(`medians over ${opts.runs} rounds: ours train ${summary.ours_train} infer ${summary.ours_infer} img/s`);
if (noPeer === null) {
  for (const t of [1, 2]) {
    console.log(`  pytorch ${t} thread${t > 1 ? 's' : ''}: train ${summary[`pytorch${t}_train`]} infer ${summary[`pytorch${t}_infer`]} img/s; ` +
      `ours/pytorch (median of per-round ratios): train ${summary[`ratio_vs_pytorch${t}_train`]}x infer ${summary[`ratio_vs_pytorch${t}_infer`]}x`);
  }
}
if (opts.json) console.log(JSON.stringify(summary));
