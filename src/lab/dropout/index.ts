export { enumerateMasks, maskProbability, MAX_ENUMERATED_UNITS } from './masks';
export { ACTIVATIONS, activate, logSoftmax, randomTinyNet, softmax, tinyLogits } from './tiny-net';
export type { Activation, TinyNet, UnitScales } from './tiny-net';
export { argmax, ensembleGaps, exactEnsemble, klDivergence, maxAbsDiff } from './ensemble';
export type { DropSites, DropoutSpec, EnsembleGaps, EnsembleResult } from './ensemble';
