import type { ExperimentSpec, RunRequest } from './types'
import { cloneParameterSet } from '../params/schema'

export class ExperimentError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExperimentError'
  }
}

/** Every run of an experiment, condition by condition, repetition by repetition. */
export function expandRuns(exp: ExperimentSpec, idPrefix = ''): RunRequest[] {
  const runs: RunRequest[] = []
  const names = new Set<string>()
  for (const c of exp.conditions) {
    if (names.has(c.name)) throw new ExperimentError(`Two conditions are named '${c.name}'; condition names must be unique.`)
    names.add(c.name)
    const base = Object.hasOwn(exp.parameterSets, c.parameterSet) ? exp.parameterSets[c.parameterSet] : undefined
    if (!base) {
      const known = Object.keys(exp.parameterSets)
      throw new ExperimentError(
        `Condition '${c.name}' uses parameter set '${c.parameterSet}', which the experiment does not define` +
          (known.length ? ` (it defines: ${known.join(', ')}).` : ' (it defines none).')
      )
    }
    for (let rep = 0; rep < c.repetitions; rep++) {
      const params = cloneParameterSet(base)
      const seed = c.seed + rep
      params.serotonin = { mu_exc: c.mu_exc, mu_inh: c.mu_inh }
      params.simulation.seed = seed
      if (c.orientation !== 'random') params.stimulus.orientation_deg = c.orientation
      runs.push({
        runId: `${idPrefix}${c.name}#${rep + 1}`,
        condition: c.name,
        rep,
        seed,
        orientation: c.orientation,
        inputMode: params.simulation.input_mode,
        params,
        ...(exp.earlyStop ? { earlyStop: true } : {})
      })
    }
  }
  return runs
}

/** The control condition: the named one, else the first with mu_exc = mu_inh = 1, else the first. */
export function controlCondition(exp: Pick<ExperimentSpec, 'conditions' | 'control'>): string | undefined {
  if (exp.control && exp.conditions.some((c) => c.name === exp.control)) return exp.control
  return (exp.conditions.find((c) => c.mu_exc === 1 && c.mu_inh === 1) ?? exp.conditions[0])?.name
}
