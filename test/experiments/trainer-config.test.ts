import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunConfig } from '../../src/experiments/config';
import { getRunConfig } from '../../src/experiments/registry';
import { trainerConfig } from '../../src/experiments/trainer-config';
import { canonicalJson } from '../../src/results/provenance';
import { STARTER_CNN } from '../../src/models/config';

// Recorded from the field-by-field mapping this one replaced (issue 19 item 7): the trainer of
// every planned run must see exactly what it saw before, or the committed results no longer describe it.
const RECORDED: Record<string, string> = {
  baseline:
    '{"batchSize":64,"epochs":15,"labeledAugment":null,"lrSchedule":"constant","name":"baseline","optimizer":{"kind":"nesterov","lr":0.01,"momentum":0.5},"unlabeled":null,"unlabeledPool":null}',
  fixmatch:
    '{"batchSize":64,"epochs":30,"labeledAugment":{"rotationDeg":10,"stretch":[1,1],"translatePx":2,"zoom":[1,1]},"lrSchedule":"cosine","name":"fixmatch","optimizer":{"kind":"nesterov","lr":0.02,"momentum":0.9},' +
    '"unlabeled":{"alpha":{"alphaF":1,"t1":0,"t2":1},"batchSize":128,"strongAugment":{"elastic":{"alpha":34,"probability":1,"sigma":4},"rotationDeg":25,"stretch":[0.85,1.15],"translatePx":3,"zoom":[0.85,1.15]},' +
    '"threshold":0.95,"weakAugment":{"rotationDeg":10,"stretch":[1,1],"translatePx":2,"zoom":[1,1]}},"unlabeledPool":null}',
};

test('the trainer config of the registry rows baseline and fixmatch is the recorded one', () => {
  for (const [name, expected] of Object.entries(RECORDED)) assert.equal(canonicalJson(trainerConfig(getRunConfig(name))), expected, name);
});

test('a student with a teacher hands the trainer every optional training field and none of model, title, stopping, teacher', () => {
  const shift = { rotationDeg: 5, translatePx: 1, zoom: [1, 1] as [number, number], stretch: [1, 1] as [number, number] };
  const training = {
    name: 'student',
    batchSize: 32,
    epochs: 3,
    optimizer: { kind: 'nesterov' as const, lr: 0.03, momentum: 0.9 },
    lrSchedule: 'cosine' as const,
    weightDecay: 5e-4,
    ema: { decay: 0.99, evaluate: true },
    labeledAugment: shift,
    unlabeled: null,
    unlabeledPool: 100,
    labelUnlabeled: { views: 2, augment: shift, count: null },
  };
  const teacher: RunConfig = { ...training, name: 'teacher', title: 'T', model: STARTER_CNN, stopping: { kind: 'fixed-epochs' } };
  const student: RunConfig = { ...training, title: 'S', model: STARTER_CNN, stopping: { kind: 'fixed-epochs' }, teacher };
  assert.deepEqual(trainerConfig(student), training);
  // The derived object is a copy: the trainer cannot change the frozen registry config through it.
  assert.notEqual(trainerConfig(student), student);
});
