export { fans } from './fans';
export { INITIALIZERS, initBias, initWeights, parseInitializer, weightVariance } from './initializers';
export type { InitializerName } from './initializers';
