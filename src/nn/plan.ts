/**
 * From a spec to layer instances: shapes are checked layer by layer, then two exact rewrites make
 * the fast fused kernels apply:
 * 1. A ReLU that follows max-pooling or dropout moves before them (relu∘maxpool = maxpool∘relu,
 *    and relu(m·z) = m·relu(z) for a dropout factor m ≥ 0; the gradients agree too: see the test).
 * 2. A ReLU right after a conv, linear or batch-norm layer is fused into it.
 */
import { BatchNorm } from './layers/batch-norm';
import { Conv2d } from './layers/conv2d';
import { Dropout } from './layers/dropout';
import { Linear } from './layers/linear';
import { MaxPool } from './layers/max-pool';
import { Flatten, GlobalAvgPool } from './layers/reshape';
import { Relu } from './layers/relu';
import type { Layer } from './layer';
import { SpecError, type LayerSpec, type ModelSpec } from './spec';

type Fusable = LayerSpec & { relu?: boolean };

/** Rewrite 1 then 2; returns layer specs with `relu` flags on the layers a ReLU fused into. */
export function fuseRelus(layers: readonly LayerSpec[]): Fusable[] {
  const out: Fusable[] = layers.map((l) => ({ ...l }));
  for (let i = 0; i < out.length; i++) {
    if (out[i].type !== 'relu') continue;
    let j = i;
    while (j > 0 && ['maxpool', 'dropout', 'dropout2d'].includes(out[j - 1].type)) j--;
    const host = j > 0 ? out[j - 1] : null;
    if (host !== null && ['conv2d', 'linear', 'batchnorm'].includes(host.type) && host.relu !== true) {
      host.relu = true;
      out.splice(i, 1);
      i--;
    }
  }
  return out;
}

function expectRank(l: Fusable, shape: readonly number[], rank: number, at: string): void {
  if (shape.length !== rank) {
    const what = rank === 3 ? 'an image-shaped input [h, w, c] (add no flatten before it)' : 'a flat input [features] (add a flatten before it)';
    throw new SpecError(`${at}: a ${l.type} layer expects ${what}, found [${shape.join(', ')}]`);
  }
}

function makeLayer(l: Fusable, shape: readonly number[], at: string): Layer {
  switch (l.type) {
    case 'conv2d': {
      expectRank(l, shape, 3, at);
      const c = new Conv2d(shape, { filters: l.filters, kernel: l.kernel, stride: l.stride ?? 1, padding: l.padding ?? 'valid', bias: l.bias ?? true, relu: l.relu ?? false });
      if (!(c.outShape[0] >= 1 && c.outShape[1] >= 1)) throw new SpecError(`${at}: a ${l.kernel}×${l.kernel} conv does not fit its input [${shape.join(', ')}]`);
      return c;
    }
    case 'batchnorm':
      if (shape.length !== 1 && shape.length !== 3) throw new SpecError(`${at}: batchnorm expects [c] or [h, w, c], found [${shape.join(', ')}]`);
      return new BatchNorm(shape, l.relu ?? false);
    case 'relu': return new Relu(shape);
    case 'maxpool':
      expectRank(l, shape, 3, at);
      if (shape[0] < 2 || shape[1] < 2) throw new SpecError(`${at}: maxpool needs at least 2×2, found [${shape.join(', ')}]`);
      return new MaxPool(shape);
    case 'dropout': return new Dropout(shape, l.rate, false);
    case 'dropout2d': expectRank(l, shape, 3, at); return new Dropout(shape, l.rate, true);
    case 'flatten': return new Flatten(shape);
    case 'gap': expectRank(l, shape, 3, at); return new GlobalAvgPool(shape);
    case 'linear': expectRank(l, shape, 1, at); return new Linear(shape, { units: l.units, bias: l.bias ?? true, relu: l.relu ?? false });
  }
}

/**
 * The pooled filter-gradient trick (src/models/pooled-conv-filter-gradient.ts) applies to a first
 * conv on one input channel, valid and stride 1, with its ReLU fused, followed by max-pooling.
 */
function linkPooledFilterGradient(layers: Layer[]): void {
  const [conv, pool] = layers;
  if (!(conv instanceof Conv2d) || !(pool instanceof MaxPool)) return;
  const o = conv.o;
  if (conv.inShape[2] !== 1 || o.stride !== 1 || o.padding !== 'valid' || !o.relu) return;
  conv.pool = pool;
  pool.handsBack = true;
}

/** The layers of a validated spec, fused; its output must be one flat row of class scores. */
export function planLayers(spec: ModelSpec): { layers: Layer[]; classes: number } {
  let shape: readonly number[] = spec.input;
  const layers = fuseRelus(spec.layers).map((l, i) => {
    const layer = makeLayer(l, shape, `model spec ${JSON.stringify(spec.name)}, layer ${i} (${l.type}${l.relu ? '+relu' : ''}, after fusing ReLUs)`);
    shape = layer.outShape;
    return layer;
  });
  linkPooledFilterGradient(layers);
  if (shape.length !== 1 || shape[0] < 2) throw new SpecError(`model spec ${JSON.stringify(spec.name)}: the last layer must output class scores [classes ≥ 2], found [${shape.join(', ')}]`);
  return { layers, classes: shape[0] };
}
