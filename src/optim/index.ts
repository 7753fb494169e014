export { initState, run, step, validateConfig } from './functional';
export type { GradientFn, OptimizerConfig, OptimizerState, RunOptions, RunResult } from './functional';
export { makeTfOptimizer } from './tf-optimizer';
