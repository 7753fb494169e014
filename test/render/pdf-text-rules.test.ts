// Each rule of render/pdf-text-rules.ts on a planted defect (must be found, on the right page) and on
// the clean sentences the report does print (must not be).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findRawMarkup, findToolVoice, RAW_MARKUP_RULES, TOOL_VOICE_RULES } from '../../render/pdf-text-rules';

const PLANTED_RAW: Record<string, string> = {
  'tex-dollar': "NAG's rate $1 - 1/\\sqrt\\kappa = $ 0.900 is worse",
  'tex-script': 'Naive e^{−βx_i} versus the max-subtracted form',
  'ascii-subscript': 'Jacobian ∂p_i/∂x of the softmax',
  glue: 'the baseline scores {glue} points',
  citation: 'as Simard et al. found [@simard2003]',
  'cross-reference': 'shown in @fig-flips below',
  markdown: 'the model uses `xavier-uniform` weights',
  'e-notation': 'iterations to f ≤ 1e-8 from f = 100',
  'padded-number': 'Nesterov momentum 0.5000, learning rate 0.01000',
};

const PLANTED_VOICE: Record<string, string> = {
  'source-path': 'computed with src/init/fans.ts next to the default',
  'file-name': 'the vote, predictions.csv, scores 98.9 %',
  'notebook-cell': 'The cell enumerates them by hand',
  build: 'so a wrong formula stops the build',
  'library-agent': 'The library rejects rotation ranges of 90° or more.',
  'our-history': 'our earlier 15-epoch runs stopped early',
  'this-machine': 'three stages on this two-core CPU',
  identifier: 'compared with the library’s affineImage; the run final-fixmatch',
};

const CLEAN = [
  'NAG converges at the rate 1 − 1/√κ, here 0.900, against 10⁻⁸ and 2.5·10⁻¹² (Table 3, Figure 2).',
  'A max-subtracted softmax, a label-preserving shift, arXiv preprint arXiv:1409.1556, PyTorch and tfjs.',
  'Reproducibility. Built from commit ee4d93871e79 of the project’s repository (clean tree).',
  'learning rate 0.5, momentum 0.9, 3,000 labels, 99.42 %, p = 0.031, 95 % interval 0.12 … 0.40.',
].join('\n');

test('every raw-markup rule finds its planted defect, on its page', () => {
  assert.deepEqual(Object.keys(PLANTED_RAW).sort(), RAW_MARKUP_RULES.map((r) => r.name).sort(), 'one planted defect per rule');
  for (const [rule, line] of Object.entries(PLANTED_RAW)) {
    const found = findRawMarkup(`clean first page\f${line}\n`);
    assert.ok(found.some((f) => f.rule === rule && f.page === 2), `${rule}: not found in ${JSON.stringify(line)} (found ${JSON.stringify(found)})`);
  }
});

test('every tool-voice rule finds its planted defect; a commit hash only counts outside the reproducibility note', () => {
  assert.deepEqual(Object.keys(PLANTED_VOICE).sort(), TOOL_VOICE_RULES.map((r) => r.name).sort(), 'one planted defect per rule');
  for (const [rule, line] of Object.entries(PLANTED_VOICE)) {
    const found = findToolVoice(`clean first page\f${line}\n`);
    assert.ok(found.some((f) => f.rule === rule && f.page === 2), `${rule}: not found in ${JSON.stringify(line)} (found ${JSON.stringify(found)})`);
  }
  assert.deepEqual(findToolVoice('Code version: commit bbf706874535 (clean tree)').map((f) => f.rule), ['commit']);
});

test('ascii-subscript also finds word subscripts and Greek bases: x_out, fan_in, θ_t; not a repository name', () => {
  for (const line of ['from ours (x_out(1 − x_out) for sigmoid)', 'He 2/fan_in for ReLU', "seed's θ_t vs look-ahead φ_t"]) {
    assert.deepEqual(findRawMarkup(line).map((f) => f.rule), ['ascii-subscript'], line);
  }
  assert.deepEqual(findRawMarkup('P. Sui et al. (2017). semi_supervised_mnist: the course competition'), []);
});

test('the clean sentences the report prints trip no rule', () => {
  assert.deepEqual(findRawMarkup(CLEAN), []);
  assert.deepEqual(findToolVoice(CLEAN), []);
});
