/** Data-parallel training and inference over worker threads (one tfjs backend per thread). */
export { ParallelPool, sharedPool, disposeSharedPool, defaultExtraWorkers, predictParallel } from './pool';
