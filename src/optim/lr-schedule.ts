/**
 * Learning-rate schedules, as a factor s(t) in [0, 1] on the configured rate at fractional epoch t
 * (the start of the step: t = epoch − 1 + step / stepsPerEpoch).
 *
 * How the factor is applied: it scales the step's gradient before the momentum update,
 * a ← μa + s·g; p ← p − ε·(…), i.e. v ← μv − ε·s(t)·g in the seed report's form (Sutskever et al.
 * 2013), so past velocity keeps the rate it was taken with. PyTorch's schedulers instead scale
 * ε in p ← p − ε_t·b, which rescales the whole buffer at once; the two agree for plain SGD.
 *
 *   constant:  s = 1
 *   cosine:    s = ½(1 + cos(π t / epochs)), from 1 at the start to 0 at the end of the run
 *   step:      s = gamma^⌊t / everyEpochs⌋
 *
 * Linear warm-up multiplies any of them by min(1, (k + 1) / (warmupEpochs · stepsPerEpoch)) at
 * step k (counted from 0 over the run), so the first step is small but not zero and the warm-up
 * reaches 1 on its last step; the schedule itself is not shifted by the warm-up.
 */
export type LrSchedule =
  | { kind: 'constant'; warmupEpochs?: number }
  | { kind: 'cosine'; warmupEpochs?: number }
  | { kind: 'step'; everyEpochs: number; gamma: number; warmupEpochs?: number };

/** The older configs name a schedule by a string; both forms are accepted. */
export type LrScheduleSpec = 'constant' | 'cosine' | LrSchedule;

export function normalizeSchedule(spec: LrScheduleSpec): LrSchedule {
  return typeof spec === 'string' ? { kind: spec } : spec;
}

export function validateSchedule(spec: LrScheduleSpec, where = 'lrSchedule'): LrSchedule {
  const s = normalizeSchedule(spec);
  if (!['constant', 'cosine', 'step'].includes(s.kind)) throw new Error(`${where}: kind must be 'constant', 'cosine' or 'step', found ${JSON.stringify(s.kind)}`);
  const warm = s.warmupEpochs ?? 0;
  if (!(Number.isFinite(warm) && warm >= 0)) throw new Error(`${where}: warmupEpochs must be a number ≥ 0, found ${warm}`);
  if (s.kind === 'step') {
    if (!(s.everyEpochs > 0)) throw new Error(`${where}: step schedule needs everyEpochs > 0, found ${s.everyEpochs}`);
    if (!(s.gamma > 0 && s.gamma <= 1)) throw new Error(`${where}: step schedule needs gamma in (0, 1], found ${s.gamma}`);
  }
  return s;
}

/** s(t) for a run of `epochs` epochs of `stepsPerEpoch` steps; t at the start of the step. */
export function lrFactorAt(spec: LrScheduleSpec, t: number, epochs: number, stepsPerEpoch: number): number {
  const s = normalizeSchedule(spec);
  let base = 1;
  if (s.kind === 'cosine') base = 0.5 * (1 + Math.cos((Math.PI * Math.min(Math.max(t, 0), epochs)) / epochs));
  else if (s.kind === 'step') base = Math.pow(s.gamma, Math.floor(t / s.everyEpochs + 1e-9));
  const warmSteps = (s.warmupEpochs ?? 0) * stepsPerEpoch;
  if (warmSteps <= 0) return base;
  const k = Math.round(t * stepsPerEpoch);
  return base * Math.min(1, (k + 1) / warmSteps);
}
