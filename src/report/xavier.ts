/**
 * The numbers behind the Xavier paragraph: fan-in, fan-out, and the resulting weight variance and
 * uniform bound for each of the starter CNN's four layers, next to PyTorch's default.
 */
import { fans } from '../init/fans';
import { weightVariance } from '../init/initializers';
import { LAYERS, STARTER_SHAPES } from '../models/starter-cnn';

export interface LayerInit {
  layer: string;
  kind: 'conv' | 'fc';
  /** Human-readable kernel: "5×5, 1 → 10" or "320 → 50". */
  shape: string;
  fanInFormula: string;
  fanOutFormula: string;
  fanIn: number;
  fanOut: number;
  xavierVariance: number;
  xavierBound: number;
  defaultVariance: number;
  defaultBound: number;
}

export function starterLayerInits(): LayerInit[] {
  return LAYERS.map((layer) => {
    const shape = STARTER_SHAPES[layer];
    const { fanIn, fanOut } = fans(shape);
    const xavierVariance = weightVariance('xavier-uniform', fanIn, fanOut);
    const defaultVariance = weightVariance('pytorch-default', fanIn, fanOut);
    if (shape.length === 4) {
      const [kh, kw, cin, cout] = shape;
      return {
        layer, kind: 'conv', shape: `${kh}×${kw}, ${cin} → ${cout} channels`,
        fanInFormula: `${cin}·${kh}·${kw}`, fanOutFormula: `${cout}·${kh}·${kw}`,
        fanIn, fanOut, xavierVariance, xavierBound: Math.sqrt(3 * xavierVariance), defaultVariance, defaultBound: Math.sqrt(3 * defaultVariance),
      };
    }
    const [nin, nout] = shape;
    return {
      layer, kind: 'fc', shape: `${nin} → ${nout} units`,
      fanInFormula: `${nin}`, fanOutFormula: `${nout}`,
      fanIn, fanOut, xavierVariance, xavierBound: Math.sqrt(3 * xavierVariance), defaultVariance, defaultBound: Math.sqrt(3 * defaultVariance),
    };
  });
}

export function layerInitTable(rows: readonly LayerInit[]): Record<string, string | number>[] {
  return rows.map((r) => ({
    Layer: r.layer,
    Kernel: r.shape,
    'fan-in': r.kind === 'conv' ? `${r.fanInFormula} = ${r.fanIn}` : r.fanIn,
    'fan-out': r.kind === 'conv' ? `${r.fanOutFormula} = ${r.fanOut}` : r.fanOut,
    'Xavier Var = 2/(fanᵢₙ + fanₒᵤₜ)': r.xavierVariance.toPrecision(3),
    'Xavier bound √(6/(fanᵢₙ + fanₒᵤₜ))': r.xavierBound.toPrecision(3),
    'PyTorch default bound 1/√fanᵢₙ': r.defaultBound.toPrecision(3),
    'Std ratio Xavier / default': Math.sqrt(r.xavierVariance / r.defaultVariance).toPrecision(3),
  }));
}
