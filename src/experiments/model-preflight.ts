import type { RunConfig } from './config';
import { checkMnistFiles } from './mnist-check';
import { checkRunBudget } from './spec-budget';

/** What a command checks before it trains `config`: the model fits the data and the memory, and the MNIST files are files. */
export function preflightRun(config: RunConfig): void {
  checkRunBudget(config);
  checkMnistFiles();
}
