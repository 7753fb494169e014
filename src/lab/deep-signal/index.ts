export { runDeepStack, variance } from './stack';
export type { DeepStackOptions, DeepStackResult, StackActivation } from './stack';
