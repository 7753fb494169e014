import { loadCourseSplit, subset } from '../../src/data/split';
import type { TrainData } from '../../src/train/run-state';

/** Every `step`-th image, n of them: the course split's sets are in file order, so this keeps the classes balanced. */
const every = (n: number, step: number): number[] => Array.from({ length: n }, (_, i) => i * step);

/** Small labeled / unlabeled / validation subsets of the course split, each given as [count, step]. */
export function smallSplit(labeled: [number, number], unlabeled: [number, number], validation: [number, number]): Required<Omit<TrainData, 'evalTrain'>> {
  const split = loadCourseSplit();
  return {
    labeled: subset(split.labeled, every(...labeled), `labeled-${labeled[0]}`),
    unlabeled: subset(split.unlabeled, every(...unlabeled), `unlabeled-${unlabeled[0]}`),
    validation: subset(split.validation, every(...validation), `validation-${validation[0]}`),
  };
}
