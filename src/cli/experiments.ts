import { planSeeds, runPlan, SEMI_PLAN, SUPERVISED_PLAN } from '../experiments/plan';
import { writePlanOutputs } from '../experiments/plan-outputs';
import { ProfileProgress } from '../experiments/profile-progress';
import { currentProfile, resultsDir } from '../experiments/profile';
import { LR_CANDIDATES, runLrSelection } from '../experiments/semi-select';
import { summaryPath } from '../experiments/summary';
import { makeProgress } from '../train/progress';
import { parseFlags, runMain, UsageError } from './args';

const SPEC = {
  quick: { kind: 'boolean', help: 'the small profile the tests use (REPORT_PROFILE=quick)' },
  retrain: { kind: 'boolean', help: 'train again even where a saved result matches (REPORT_RETRAIN=1)' },
  only: { kind: 'string', help: "'supervised' or 'semi': run one half of the plan" },
} as const;

/**
 * Every experiment of the report for one profile, supervised then semi-supervised, reusing saved
 * results whose key still matches. The notebooks do the same lazily; this entry point lets the
 * frozen results be produced in one go, with the wall time of each part.
 */
runMain(async () => {
  const flags = parseFlags(process.argv.slice(2), SPEC, 'npm run experiments --');
  if (flags.quick) process.env.REPORT_PROFILE = 'quick';
  if (flags.retrain) process.env.REPORT_RETRAIN = '1';
  const only = flags.only === undefined ? undefined : String(flags.only);
  if (only !== undefined && only !== 'supervised' && only !== 'semi') {
    throw new UsageError(`--only expects 'supervised' or 'semi', found '${only}'`);
  }
  const profile = currentProfile();
  const progress = makeProgress();
  const seeds = planSeeds(profile).length;
  const supervisedRuns = only === 'semi' ? 0 : seeds * SUPERVISED_PLAN.length;
  const semiRuns = only === 'supervised' ? 0 : LR_CANDIDATES.length + seeds * SEMI_PLAN.length;
  const tracker = new ProfileProgress(supervisedRuns + semiRuns, progress);
  const started = performance.now();
  const supervised = only === 'semi' ? [] : await runPlan(SUPERVISED_PLAN, { progress, tracker });
  if (supervised.length > 0) writePlanOutputs(supervised, resultsDir(profile));
  const supervisedSeconds = (performance.now() - started) / 1000;
  // The learning-rate selection on held-out labeled images is part of the semi-supervised half: its
  // winner is the rate the semi-supervised runs of the registry use, and notebook 07 checks that it still is.
  const selection = only === 'supervised' ? [] : await runLrSelection({ progress, tracker });
  const semi = only === 'supervised' ? [] : await runPlan(SEMI_PLAN, { progress, tracker });
  if (semi.length > 0) writePlanOutputs(semi, resultsDir(profile));
  const totalSeconds = (performance.now() - started) / 1000;
  const trained = [...supervised, ...semi, ...selection].filter((r) => !r.reused);
  progress.line(
    `${profile} profile: ${supervised.length + semi.length + selection.length} runs (${trained.length} trained, the rest reused) in ${(totalSeconds / 60).toFixed(1)} min ` +
      `(supervised ${(supervisedSeconds / 60).toFixed(1)} min, semi-supervised ${((totalSeconds - supervisedSeconds) / 60).toFixed(1)} min); summary: ${summaryPath()}`,
  );
});
