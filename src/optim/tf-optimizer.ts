import * as tf from '@tensorflow/tfjs';
import { OptimizerConfig, validateConfig } from './functional';

/**
 * The optimizer used for model training: `tf.train.sgd(ε)` or `tf.train.momentum(ε, μ, nesterov)`.
 *
 * How this relates to the seed report's update rules (src/optim/functional.ts), for a constant ε.
 * tfjs 4.22 (tfjs-core/dist/optimizers/momentum_optimizer.js) keeps an accumulator `a` (a₀ = 0) in
 * gradient units and, with g = ∇f at the stored variable p, does
 *
 *     a ← μa + g
 *     p ← p − ε a                   (useNesterov = false)
 *     p ← p − ε (g + μa)            (useNesterov = true, with the *new* a)
 *
 * Classical momentum. With v = −εa this is v ← μv − ε∇f(p); p ← p + v, i.e. the seed's momentum
 * with p = θ: same parameters, no change of variables.
 *
 * Nesterov. The seed report writes NAG as v ← μv − ε∇f(θ + μv); θ ← θ + v, which needs the
 * gradient at a point other than the stored parameters. tfjs (like PyTorch's SGD(nesterov=True) and
 * Keras) instead stores the look-ahead point φ = θ + μv. Substituting:
 *
 *     v' = μv − ε∇f(φ)
 *     φ' = θ' + μv' = (φ − μv) + v' + μv' = φ + μv' − ε∇f(φ)
 *
 * and with a = −v/ε (so v = −εa) that is exactly tfjs's rule: a' = μa + ∇f(φ);
 * φ' = φ − ε(∇f(φ) + μa'). So, step for step,
 *
 *     tfjs variable  p_k = θ_k + μ v_k      tfjs accumulator  a_k = −v_k / ε
 *
 * with matched starts p₀ = θ₀ (because v₀ = 0 = a₀). Conversely θ_k = p_k + εμ a_k. The two
 * sequences converge to the same minimiser, but the weights a tfjs-Nesterov model is evaluated at
 * are the look-ahead point, not the seed's θ. The identity a = −v/ε holds only while ε is constant:
 * tfjs accumulates raw gradients, so changing ε mid-run rescales past velocity, which the seed form
 * does not. PyTorch's buffer b ← μb + g has the same units as tfjs's `a` (with dampening 0).
 */
export function makeTfOptimizer(config: OptimizerConfig): tf.Optimizer {
  const mu = validateConfig(config);
  switch (config.kind) {
    case 'sgd':
      return tf.train.sgd(config.lr);
    case 'momentum':
      return disposesFully(tf.train.momentum(config.lr, mu, false));
    case 'nesterov':
      return disposesFully(tf.train.momentum(config.lr, mu, true));
  }
}

/**
 * tfjs 4.22's MomentumOptimizer.dispose() frees the accumulators but not the learning-rate scalar its
 * parent SGDOptimizer keeps (it never calls super.dispose()): one tensor leaked per training run.
 */
function disposesFully(optimizer: tf.MomentumOptimizer): tf.MomentumOptimizer {
  const disposeMomentum = optimizer.dispose.bind(optimizer);
  optimizer.dispose = () => {
    disposeMomentum();
    tf.SGDOptimizer.prototype.dispose.call(optimizer);
  };
  return optimizer;
}
