/**
 * What the FixMatch stage adds to the final recipe (Section 8): the same student, taught by the
 * labels-only networks instead of the FixMatch teachers. Added after the five-seed results showed
 * each teacher ending below the labels-only network it starts from; it changes no setting of the
 * recipe and chooses nothing, it measures.
 *
 * final-labeled-teacher is final-labeled with the teacher's labelling step: the same training (the
 * labelling draws from a stream of its own, so its validation accuracy is final-labeled's, seed for
 * seed), then the same test-time-augmented labels for the 57,000. final-student-of-labels is
 * final-student with those networks as its teachers, of the same three seeds.
 */
import type { RunConfig } from './config';
import { FINAL_LABELED, FINAL_STUDENT, FINAL_TEACHER, FINAL_TEACHER_SEEDS } from './final-recipe';

export const FINAL_LABELED_TEACHER: RunConfig = {
  ...FINAL_LABELED,
  name: 'final-labeled-teacher',
  title: 'bn32x64, 3,000 labels only, then labels for the 57,000 as the teacher makes them',
  keepFinalState: false,
  labelUnlabeled: FINAL_TEACHER.labelUnlabeled,
};

export const FINAL_STUDENT_OF_LABELS: RunConfig = {
  ...FINAL_STUDENT,
  name: 'final-student-of-labels',
  title: "bn32x64 student on 60,000 images: 3,000 labels + the labels-only networks' averaged soft labels for 57,000",
  teacher: FINAL_LABELED_TEACHER,
  teacherSeeds: FINAL_TEACHER_SEEDS,
};

export const FINAL_ABLATION_RUNS: readonly RunConfig[] = [FINAL_LABELED_TEACHER, FINAL_STUDENT_OF_LABELS];

/** Table order; the teachers run on FINAL_TEACHER_SEEDS only (plan.ts), the students on FINAL_SEEDS. */
export const FINAL_ABLATION_PLAN: readonly string[] = Object.freeze(FINAL_ABLATION_RUNS.map((r) => r.name));
