import { EXPERIMENTS } from './registry';
import type { RunConfig } from './run';
import { SEMI_METHODS } from './semi-registry';

/**
 * Every named run config in one namespace: the supervised study's (registry.ts) and the
 * semi-supervised methods with their labels-only references (semi-registry.ts). Both halves train
 * through the same runner, so `npm run experiment -- --config <name>` takes any of them.
 */
const ALL: Readonly<Record<string, RunConfig>> = (() => {
  const clash = Object.keys(EXPERIMENTS).filter((name) => name in SEMI_METHODS);
  if (clash.length > 0) throw new Error(`run configs: ${clash.join(', ')} named in both registry.ts and semi-registry.ts`);
  return Object.freeze({ ...EXPERIMENTS, ...SEMI_METHODS });
})();

export function runConfigNames(): string[] {
  return Object.keys(ALL);
}

export function getRunConfig(name: string): RunConfig {
  const found = ALL[name];
  if (!found) throw new Error(`unknown config '${name}'; valid configs: ${runConfigNames().join(', ')}`);
  return found;
}
