import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/util/rng';
import { fans } from '../../src/init/fans';
import {
  INITIALIZERS,
  initBias,
  initWeights,
  parseInitializer,
  weightVariance,
} from '../../src/init/initializers';

function moments(xs: Float32Array): { mean: number; variance: number; maxAbs: number } {
  let s = 0;
  let maxAbs = 0;
  for (const x of xs) {
    s += x;
    maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  const mean = s / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, variance: ss / (xs.length - 1), maxAbs };
}

test('the variance formulas match the papers on the course CNN', () => {
  // conv2: fanIn 250, fanOut 500.
  assert.equal(weightVariance('pytorch-default', 250, 500), 1 / 750);
  assert.equal(weightVariance('xavier-uniform', 250, 500), 2 / 750);
  assert.equal(weightVariance('xavier-normal', 250, 500), 2 / 750);
  assert.equal(weightVariance('lecun-uniform', 250, 500), 1 / 250);
  assert.equal(weightVariance('lecun-normal', 250, 500), 1 / 250);
  assert.equal(weightVariance('he-uniform', 250, 500), 2 / 250);
  assert.equal(weightVariance('he-normal', 250, 500), 2 / 250);
  // Glorot's uniform bound √(6/(fanIn+fanOut)) is √(3·Var).
  assert.ok(Math.abs(Math.sqrt(3 * weightVariance('xavier-uniform', 400, 300)) - Math.sqrt(6 / 700)) < 1e-15);
  // PyTorch's default bound 1/√fanIn is √(3·Var).
  assert.ok(Math.abs(Math.sqrt(3 * weightVariance('pytorch-default', 320, 50)) - 1 / Math.sqrt(320)) < 1e-15);
  assert.throws(() => weightVariance('he-normal', 0, 10), /fanIn must be a positive number/);
});

const SHAPES: { shape: number[]; tol: number }[] = [
  // 120,000 samples: the relative standard error of the sample variance is ≤ 0.5%.
  { shape: [400, 300], tol: 0.02 },
  // 5,000 samples: relative standard error ≤ 2%, so allow three of them.
  { shape: [5, 5, 10, 20], tol: 0.06 },
];

for (const name of INITIALIZERS) {
  for (const { shape, tol } of SHAPES) {
    test(`${name} on [${shape.join(', ')}]: variance, mean, bound`, () => {
      const { fanIn, fanOut } = fans(shape);
      const target = weightVariance(name, fanIn, fanOut);
      const w = initWeights(name, shape, new Rng(1234));
      assert.equal(w.length, shape.reduce((a, b) => a * b, 1));
      const m = moments(w);
      const rel = Math.abs(m.variance / target - 1);
      assert.ok(rel < tol, `variance ${m.variance} vs ${target} (rel err ${rel.toFixed(4)})`);
      const se = Math.sqrt(target / w.length);
      assert.ok(Math.abs(m.mean) < 4 * se, `mean ${m.mean} not within 4 standard errors (${se})`);
      const bound = Math.sqrt(3 * target);
      if (name.endsWith('-normal')) {
        // Plain, not truncated, normal: some samples fall beyond 2σ.
        assert.ok(m.maxAbs > 2 * Math.sqrt(target), `normal samples look truncated (max |w| ${m.maxAbs})`);
      } else {
        // Float32 storage may round a draw up to fround(bound), never beyond.
        assert.ok(m.maxAbs <= Math.fround(bound), `uniform sample ${m.maxAbs} outside ±${bound}`);
        assert.ok(m.maxAbs > 0.99 * bound, `uniform samples do not reach the bound ${bound}`);
      }
    });
  }
}

test('the same seed gives the same weights, a different seed different ones', () => {
  for (const name of INITIALIZERS) {
    const a = initWeights(name, [5, 5, 1, 10], new Rng(7));
    const b = initWeights(name, [5, 5, 1, 10], new Rng(7));
    const c = initWeights(name, [5, 5, 1, 10], new Rng(8));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  }
});

test('biases: PyTorch default is U(±1/√fanIn), the papers use zeros', () => {
  const b = initBias('pytorch-default', 320, 5000, new Rng(3));
  const m = moments(b);
  assert.ok(m.maxAbs <= Math.fround(1 / Math.sqrt(320)));
  assert.ok(Math.abs(m.variance / (1 / (3 * 320)) - 1) < 0.06);
  assert.deepEqual(initBias('pytorch-default', 320, 50, new Rng(3)), initBias('pytorch-default', 320, 50, new Rng(3)));
  for (const name of INITIALIZERS.filter((n) => n !== 'pytorch-default')) {
    const rng = new Rng(3);
    const z = initBias(name, 320, 50, rng);
    assert.equal(z.length, 50);
    assert.ok(z.every((x) => x === 0), `${name} bias not zero`);
    // Zero biases draw nothing, so they do not shift the weights' stream.
    assert.equal(rng.nextUint32(), new Rng(3).nextUint32());
  }
});

test('parseInitializer accepts the names and lists them on error', () => {
  for (const name of INITIALIZERS) assert.equal(parseInitializer(name), name);
  assert.equal(parseInitializer(' He-Normal '), 'he-normal');
  assert.throws(() => parseInitializer('glorot'), (e: Error) => {
    for (const name of INITIALIZERS) assert.ok(e.message.includes(name), e.message);
    return e.message.includes('"glorot"');
  });
});
