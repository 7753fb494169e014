// Same-process A/B of the engine's training step with our wasm SIMD kernels off and on, alternating
// rounds, one thread (no worker pool): `npx tsx scripts/simd-ab.ts [--model bn32x64] [--rounds 7]`.
// Prints each round, then the medians, their ratio and the median of per-round ratios, and the
// kernel breakdown of the last round of each. Results go to stdout only.
import { initBackend } from '../src/backend/select';
import { setSimdKernels } from '../src/backend/simd/module';
import { formatStepProfile, profileEngineStep, type StepProfile } from '../src/cli/step-profile';
import { loadCourseSplit } from '../src/data/split';
import { getSpec } from '../src/nn/specs';
import { median } from '../src/stats/summary';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const spec = getSpec(option('model', 'bn32x64'));
  const rounds = Number(option('rounds', '7'));
  if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error(`--rounds: expected a positive integer, found ${option('rounds', '7')}`);
  await initBackend('wasm');
  const data = loadCourseSplit().labeled;
  const ms: Record<'js' | 'simd', number[]> = { js: [], simd: [] };
  const last: Partial<Record<'js' | 'simd', StepProfile>> = {};
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 === 0 ? (['js', 'simd'] as const) : (['simd', 'js'] as const)) {
      setSimdKernels(mode === 'simd');
      const p = profileEngineStep(spec, data, 20, 64, 3);
      ms[mode].push(p.msPerStep);
      last[mode] = p;
    }
    console.log(`round ${r + 1}: JS passes ${ms.js[r].toFixed(2)} ms, SIMD kernels ${ms.simd[r].toFixed(2)} ms per 64-image step`);
  }
  const ratios = ms.js.map((v, i) => v / ms.simd[i]);
  console.log(`${spec.name}, one thread: median ${median(ms.js).toFixed(2)} ms (JS passes) vs ${median(ms.simd).toFixed(2)} ms (SIMD kernels); median of per-round speed-ups ${median(ratios).toFixed(2)}x`);
  for (const mode of ['js', 'simd'] as const) {
    console.log(`${mode === 'js' ? 'JS passes' : 'SIMD kernels'}, last round:`);
    for (const line of formatStepProfile(last[mode]!)) console.log(`  ${line}`);
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
