import { FINAL_PLAN } from '../experiments/final-recipe';
import { FINAL_ABLATION_PLAN } from '../experiments/final-ablation';
import { planFor, planSeeds, runPlan, SEMI_PLAN, SUPERVISED_PLAN, type PlannedRun } from '../experiments/plan';
import { writePlanOutputs } from '../experiments/plan-outputs';
import { PARTS, preflightParts, type Part } from '../experiments/profile-parts';
import { ProfileProgress } from '../experiments/profile-progress';
import { currentProfile, resultsDir, retrainForced, type Profile } from '../experiments/profile';
import { runCost } from '../experiments/run-cost';
import { LR_CANDIDATES, runLrSelection, selectionConfig } from '../experiments/semi-select';
import { heldOutTrialCount, runStudy, studyCosts } from '../experiments/study';
import { summaryPath } from '../experiments/summary';
import { makeProgress, type Progress } from '../train/progress';
import { parseFlags, runMain, UsageError } from './args';
import { plural } from '../results/plural';


const SPEC = {
  quick: { kind: 'boolean', help: 'the small profile the tests use (REPORT_PROFILE=quick)' },
  retrain: { kind: 'boolean', help: 'train again even where a saved result matches (REPORT_RETRAIN=1)' },
  only: { kind: 'string', help: `one part of the plan: ${PARTS.join(', ')}` },
} as const;

/** Every run of a part with its seeds, as costs for the ETA (the study's rows costed at the grid's longest setting). */
function partCosts(part: Part, profile: Profile): number[] {
  const seeds = planSeeds(profile).length;
  const planned = (names: readonly string[]) => planFor(names, profile).flatMap((e) => e.seeds.map(() => runCost(e.config)));
  if (part === 'supervised') return planned(SUPERVISED_PLAN);
  if (part === 'final') return planned([...FINAL_PLAN, ...FINAL_ABLATION_PLAN]);
  if (part === 'semi') return [...LR_CANDIDATES.map((lr) => runCost(selectionConfig(lr, profile))), ...planned(SEMI_PLAN)];
  return seeds > 0 ? studyCosts(profile) : [];
}

async function runPart(part: Part, progress: Progress, tracker: ProfileProgress): Promise<{ runs: PlannedRun[]; extra: number }> {
  if (part === 'supervised') return { runs: await runPlan(SUPERVISED_PLAN, { progress, tracker }), extra: 0 };
  // Stage by stage: every student reads the teachers of all its teacher seeds, so those come first;
  // then the ablation's labels-only teachers and their students.
  if (part === 'final') {
    const runs: PlannedRun[] = [];
    for (const name of [...FINAL_PLAN, ...FINAL_ABLATION_PLAN]) runs.push(...(await runPlan([name], { progress, tracker })));
    return { runs, extra: 0 };
  }
  if (part === 'study') {
    const study = await runStudy({ progress, tracker });
    return { runs: study.runs, extra: heldOutTrialCount(study) };
  }
  // The learning-rate selection on held-out labeled images belongs to the semi-supervised part: its
  // winner is what the registry's semi-supervised rows use, and notebook 07 checks that it still is.
  const selection = await runLrSelection({ progress, tracker });
  return { runs: await runPlan(SEMI_PLAN, { progress, tracker }), extra: selection.length };
}

/**
 * Every experiment of the report for one profile, part by part, reusing saved results whose key
 * still matches. The notebooks do the same lazily; this entry point produces the frozen results in
 * one go, with an ETA for the whole profile and the wall time of each part.
 */
runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, 'npm run experiments --');
  if (flags.quick) process.env.REPORT_PROFILE = 'quick';
  if (flags.retrain) process.env.REPORT_RETRAIN = '1';
  const only = flags.only === undefined ? undefined : String(flags.only);
  if (only !== undefined && !(PARTS as readonly string[]).includes(only)) throw new UsageError(`--only expects one of ${PARTS.join(', ')}, found '${only}'`);
  const parts = only === undefined ? PARTS : ([only] as Part[]);
  const profile = currentProfile();
  // Every part's records at once: a refusal lists all that are stale, not those of the first part only.
  // (REPORT_ALLOW_STALE=1 lets the plans read stale records as they are; each part's own check handles that.)
  if (process.env.REPORT_ALLOW_STALE !== '1') await preflightParts(parts, profile, resultsDir(profile), { reuse: !retrainForced() });
  const progress = makeProgress();
  const costs = parts.flatMap((p) => partCosts(p, profile));
  const tracker = new ProfileProgress(costs.length, progress, costs.reduce((a, b) => a + b, 0));
  const started = performance.now();
  const times: string[] = [];
  let count = 0;
  let trained = 0;
  for (const part of parts) {
    const partStarted = performance.now();
    const { runs, extra } = await runPart(part, progress, tracker);
    if (runs.length > 0) writePlanOutputs(runs, resultsDir(profile));
    count += runs.length + extra;
    trained += runs.filter((r) => !r.reused).length;
    times.push(`${part} ${((performance.now() - partStarted) / 60000).toFixed(1)} min`);
  }
  const total = (performance.now() - started) / 60000;
  progress.line(`${profile} profile: ${plural(count, 'run')} (${plural(trained, 'planned run')} trained, the rest reused) in ${total.toFixed(1)} min (${times.join(', ')}); summary: ${summaryPath()}`);
});
