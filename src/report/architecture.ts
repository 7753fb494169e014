/**
 * The network as a layer table, derived from the model config and the parameter shapes the code
 * builds, so that a changed dropout rate or ReLU-on-logits flag shows up in the report.
 */
import type { ModelConfig } from '../models/build-network';
import type { CnnConfig } from '../models/config';
import { STARTER_SHAPES } from '../models/starter-cnn';

export type ArchitectureRow = {
  Layer: string;
  Operation: string;
  'Output shape': string;
  Parameters: number;
};

/** The table walks the starter CNN's layers; a run config may name another architecture, which has other rows. */
function starterOnly(model: ModelConfig): CnnConfig {
  if (model.arch !== 'starter') throw new Error(`architectureTable (src/report/architecture.ts): expected the starter CNN, found model arch '${model.arch}'`);
  return model;
}

export function architectureTable(config: ModelConfig, imageSize = 28): ArchitectureRow[] {
  const model = starterOnly(config);
  const rows: ArchitectureRow[] = [];
  let size = imageSize;
  let channels = 1;
  const shape = (): string => `${channels} × ${size} × ${size}`;
  const conv = (name: 'conv1' | 'conv2') => {
    const [kh, kw, cin, cout] = STARTER_SHAPES[name];
    if (cin !== channels) throw new Error(`architectureTable (src/report/architecture.ts): ${name} expects ${cin} input channels, previous layer gives ${channels}`);
    size = size - kh + 1;
    channels = cout;
    rows.push({ Layer: name, Operation: `convolution ${kh}×${kw}, stride 1, no padding`, 'Output shape': shape(), Parameters: kh * kw * cin * cout + cout });
  };
  const pool = () => {
    size = Math.floor(size / 2);
    rows.push({ Layer: '', Operation: 'max-pool 2×2, then ReLU', 'Output shape': shape(), Parameters: 0 });
  };
  rows.push({ Layer: 'input', Operation: 'normalized image', 'Output shape': shape(), Parameters: 0 });
  conv('conv1');
  pool();
  conv('conv2');
  rows.push({ Layer: '', Operation: `channel dropout (Dropout2d), drop rate ${model.conv2DropRate}`, 'Output shape': shape(), Parameters: 0 });
  pool();
  const flat = channels * size * size;
  const [fin, fh] = STARTER_SHAPES.fc1;
  if (fin !== flat) throw new Error(`architectureTable (src/report/architecture.ts): fc1 expects ${fin} inputs, the conv stack gives ${flat}`);
  rows.push({ Layer: 'fc1', Operation: `fully connected ${fin} → ${fh}, then ReLU`, 'Output shape': `${fh}`, Parameters: fin * fh + fh });
  rows.push({ Layer: '', Operation: `dropout, drop rate ${model.fc1DropRate}`, 'Output shape': `${fh}`, Parameters: 0 });
  const [gin, gout] = STARTER_SHAPES.fc2;
  rows.push({ Layer: 'fc2', Operation: `fully connected ${gin} → ${gout} (logits)`, 'Output shape': `${gout}`, Parameters: gin * gout + gout });
  if (model.reluOnLogits) rows.push({ Layer: '', Operation: "ReLU on the logits (the starter's quirk)", 'Output shape': `${gout}`, Parameters: 0 });
  rows.push({ Layer: 'output', Operation: 'log-softmax; loss = mean negative log-likelihood', 'Output shape': `${gout}`, Parameters: 0 });
  return rows;
}

export function parameterCount(model: ModelConfig): number {
  return architectureTable(model).reduce((a, r) => a + r.Parameters, 0);
}
