import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeAugment } from '../../src/augment/pipeline';
import { configTable } from '../../src/experiments/config-table';
import { getRunConfig } from '../../src/experiments/registry';
import type { CnnConfig } from '../../src/models/config';

test('the config table reads every setting from the configs themselves', () => {
  const names = ['baseline', 'starter-relu-logits', 'xavier', 'xavier-augment'];
  const rows = configTable(names.map(getRunConfig));
  assert.equal(rows.length, 4);
  rows.forEach((row, i) => {
    const c = getRunConfig(names[i]);
    assert.equal(row.Experiment, c.title);
    assert.equal(row['Batch size'], String(c.batchSize));
    assert.equal(row.Epochs, String(c.epochs));
    assert.equal(row['Learning rate'], String(c.optimizer.lr));
    assert.equal(row['Momentum μ'], String(c.optimizer.momentum));
    assert.equal(row.Nesterov, c.optimizer.kind === 'nesterov' ? 'yes' : 'no');
    assert.equal(row.Augmentation, c.labeledAugment ? describeAugment(c.labeledAugment) : 'none');
    assert.match(String(row.Stopping), new RegExp(`fixed ${c.epochs} epochs`));
  });
  assert.equal(rows[1]['ReLU on logits'], 'yes (starter quirk)');
  assert.equal(rows[0]['ReLU on logits'], 'no');
  assert.match(String(rows[2].Initializer), /Xavier/);
  assert.match(String(rows[0]['Dropout rate']), /conv2 channels 0\.5, fc1 units 0\.5/);
});

test('changing a config changes its row and nothing else', () => {
  const base = getRunConfig('xavier-augment');
  const changed = {
    ...base,
    epochs: base.epochs + 7,
    batchSize: 128,
    optimizer: { kind: 'momentum' as const, lr: 0.05, momentum: 0.9 },
    model: { ...(base.model as CnnConfig), fc1DropRate: 0.25, initializer: 'he-normal' as const },
    labeledAugment: { ...base.labeledAugment!, rotationDeg: 5 },
  };
  const [before, after] = [configTable([getRunConfig('baseline'), base]), configTable([getRunConfig('baseline'), changed])];
  assert.deepEqual(after[0], before[0]);
  assert.equal(after[1].Epochs, String(base.epochs + 7));
  assert.equal(after[1]['Batch size'], '128');
  assert.equal(after[1].Nesterov, 'no');
  assert.equal(after[1]['Learning rate'], '0.05');
  assert.equal(after[1]['Momentum μ'], '0.9');
  assert.match(String(after[1]['Dropout rate']), /fc1 units 0\.25/);
  assert.match(String(after[1].Initializer), /He normal/);
  assert.match(String(after[1].Augmentation), /±5°/);
  assert.notEqual(after[1].Augmentation, before[1].Augmentation);
  assert.match(String(after[1].Stopping), new RegExp(`fixed ${base.epochs + 7} epochs`));
});
