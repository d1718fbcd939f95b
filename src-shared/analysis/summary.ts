import type { SimulationResult } from '../engine/types'
import { runTiming } from '../engine/timing'
import type { ParameterSet } from '../params/types'
import { decodePopulationVector, decodeReferenceMean, foldedError } from './decode'
import { bumpRate, delayRatesHz, excitatoryRate, inhibitoryRate, meanOver, neuronAtOrientation } from './rates'
import { summaryStats, welchTTest, type SummaryStats, type WelchResult } from './stats'
import { terminationTime } from './termination'
import { stoppedRunSummary } from './early-stop'

/** Every measure of one run, as plain numbers (serialisable as JSON; NaN where undefined). */
export interface RunSummary {
  termination_time_s: number
  /** Mean delay-period rate over excitatory neurons. */
  exc_rate_hz: number
  inh_rate_hz: number
  /** Mean delay-period rate of the excitatory neurons within 15 of the stimulus orientation. */
  bump_rate_hz: number
  decoded_reference_deg: number
  decoded_vector_deg: number
  decode_error_reference_deg: number
  decode_error_vector_deg: number
  /** Spikes over the whole run. */
  exc_spikes: number
  inh_spikes: number
  /** Mean over the delay steps of mu * (I_syn + I_bg), averaged over the population (pA). */
  mean_delay_input_exc: number
  mean_delay_input_inh: number
  /** The same for the excitatory neuron at the stimulus orientation. */
  mean_delay_input_stim_neuron: number
}

export type RunMeasure = keyof RunSummary

export const RUN_MEASURES: readonly RunMeasure[] = [
  'termination_time_s',
  'exc_rate_hz',
  'inh_rate_hz',
  'bump_rate_hz',
  'decoded_reference_deg',
  'decoded_vector_deg',
  'decode_error_reference_deg',
  'decode_error_vector_deg',
  'exc_spikes',
  'inh_spikes',
  'mean_delay_input_exc',
  'mean_delay_input_inh',
  'mean_delay_input_stim_neuron'
]

/** The measures the reference reports as % of control (mean synaptic input over the delay). */
export const INPUT_MEASURES = ['mean_delay_input_exc', 'mean_delay_input_inh', 'mean_delay_input_stim_neuron'] as const satisfies readonly RunMeasure[]
export type InputMeasure = (typeof INPUT_MEASURES)[number]

/**
 * Summarises one run. `orientationDeg` is the orientation the condition actually used (it may have
 * been drawn at random), not necessarily params.stimulus.orientation_deg.
 */
export function summarizeRun(result: SimulationResult, params: ParameterSet, orientationDeg: number): RunSummary {
  const { Ne, Ni } = result
  if (params.simulation.dt_ms !== result.dt_ms) {
    throw new Error(`simulation.dt_ms is ${params.simulation.dt_ms} ms but the run was simulated with ${result.dt_ms} ms; summarise a run with the parameters that produced it.`)
  }
  // int(t_stim_end * 1000 / delta_T), as the notebook computes it (12500 for the defaults).
  const s_off = runTiming(params).delayStart
  const rates = delayRatesHz(result, s_off, params.simulation.duration_s - params.stimulus.t_off_s)
  const decodedReference = decodeReferenceMean(rates, Ne)
  const decodedVector = decodePopulationVector(rates, Ne)

  let excSpikes = 0
  let inhSpikes = 0
  for (let j = 0; j < Ne; j++) excSpikes += result.counts[j]
  for (let j = Ne; j < Ne + Ni; j++) inhSpikes += result.counts[j]

  const meanInput = new Float64Array(Ne + Ni)
  if (result.delaySteps > 0) {
    for (let j = 0; j < Ne + Ni; j++) meanInput[j] = result.delayInputSum[j] / result.delaySteps
  } else {
    meanInput.fill(NaN)
  }

  const summary: RunSummary = {
    termination_time_s: terminationTime(result, s_off, params.termination),
    exc_rate_hz: excitatoryRate(rates, Ne),
    inh_rate_hz: inhibitoryRate(rates, Ne),
    bump_rate_hz: bumpRate(rates, Ne, orientationDeg),
    decoded_reference_deg: decodedReference,
    decoded_vector_deg: decodedVector,
    decode_error_reference_deg: foldedError(decodedReference, orientationDeg),
    decode_error_vector_deg: foldedError(decodedVector, orientationDeg),
    exc_spikes: excSpikes,
    inh_spikes: inhSpikes,
    mean_delay_input_exc: meanOver(meanInput, 0, Ne),
    mean_delay_input_inh: meanOver(meanInput, Ne, Ne + Ni),
    mean_delay_input_stim_neuron: meanInput[neuronAtOrientation(orientationDeg, Ne)]
  }
  const stoppedAt = result.stoppedEarlyAtStep
  return stoppedAt === undefined ? summary : stoppedRunSummary({ ...result, stoppedEarlyAtStep: stoppedAt }, params, summary)
}

export type ConditionStats = Record<RunMeasure, SummaryStats>
export type ControlComparison = Record<RunMeasure, WelchResult>

function column(values: RunSummary[], key: RunMeasure): number[] {
  return values.map((v) => v[key])
}

/** Descriptive statistics of every measure over the runs of one condition. */
export function summarizeCondition(values: RunSummary[]): ConditionStats {
  const out = {} as ConditionStats
  for (const key of RUN_MEASURES) out[key] = summaryStats(column(values, key))
  return out
}

/** Welch's t-test of every measure, condition against control (t > 0: condition higher). */
export function compareToControl(conditionValues: RunSummary[], controlValues: RunSummary[]): ControlComparison {
  const out = {} as ControlComparison
  for (const key of RUN_MEASURES) out[key] = welchTTest(column(conditionValues, key), column(controlValues, key))
  return out
}

/** 100 * value / control; NaN when the control is 0. Inputs are currents, so both may be negative. */
export function percentOfControl(value: number, control: number): number {
  if (control === 0) return NaN
  return (100 * value) / control
}

/** Mean synaptic input of a condition as % of the control condition's mean, per input measure. */
export function inputPercentOfControl(conditionValues: RunSummary[], controlValues: RunSummary[]): Record<InputMeasure, number> {
  const out = {} as Record<InputMeasure, number>
  for (const key of INPUT_MEASURES) {
    out[key] = percentOfControl(summaryStats(column(conditionValues, key)).mean, summaryStats(column(controlValues, key)).mean)
  }
  return out
}
