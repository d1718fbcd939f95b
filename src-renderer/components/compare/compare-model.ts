/**
 * The numbers behind the Compare view: finished runs grouped by condition, each measure summarised
 * per condition and tested against the control condition (Welch's t-test). Pure, so the table, the
 * charts and the CSV all show the same values.
 */
import type { RunRecord } from '../../../src-shared/ipc/contract'
import { percentOfControl, summaryStats, welchTTest, type SummaryStats, type WelchResult } from '../../../src-shared/analysis'

export interface ConditionGroup {
  condition: string
  /** Sorted by repetition. */
  runs: RunRecord[]
}

/** Groups runs by condition, conditions in the order they first appear. */
export function groupByCondition(records: Iterable<RunRecord>): ConditionGroup[] {
  const byName = new Map<string, RunRecord[]>()
  for (const r of records) {
    const list = byName.get(r.condition)
    if (list) list.push(r)
    else byName.set(r.condition, [r])
  }
  return [...byName].map(([condition, runs]) => ({ condition, runs: runs.sort((a, b) => a.rep - b.rep) }))
}

/** The preferred control if it has runs, else the first condition run with mu_exc = mu_inh = 1, else the first. */
export function defaultControl(groups: readonly ConditionGroup[], preferred?: string | null): string | null {
  if (preferred && groups.some((g) => g.condition === preferred)) return preferred
  const normal = groups.find((g) => g.runs.some((r) => r.mu_exc === 1 && r.mu_inh === 1))
  return (normal ?? groups[0])?.condition ?? null
}

export type CompareMeasureId =
  | 'termination'
  | 'exc_rate'
  | 'inh_rate'
  | 'bump_rate'
  | 'decode_error_reference'
  | 'decode_error_vector'
  | 'input_pct_control'

export interface CompareMeasure {
  id: CompareMeasureId
  /** Full name for tables and CSV. */
  label: string
  /** Column header in the heatmap (may contain a line break). */
  short: string
  unit: string
  /** Decimals shown (the CSV keeps full precision). */
  digits: number
}

export const COMPARE_MEASURES: readonly CompareMeasure[] = [
  { id: 'termination', label: 'Termination time (after stimulus end)', short: 'Termination\ntime (s)', unit: 's', digits: 2 },
  { id: 'exc_rate', label: 'Excitatory delay rate', short: 'Exc. rate\n(Hz)', unit: 'Hz', digits: 2 },
  { id: 'inh_rate', label: 'Inhibitory delay rate', short: 'Inh. rate\n(Hz)', unit: 'Hz', digits: 2 },
  { id: 'bump_rate', label: 'Bump rate (stimulus ±15 neurons)', short: 'Bump rate\n(Hz)', unit: 'Hz', digits: 2 },
  { id: 'decode_error_reference', label: 'Decode error, reference mean (linear)', short: 'Decode error\nref. mean (°)', unit: '°', digits: 1 },
  { id: 'decode_error_vector', label: 'Decode error, population vector (circular)', short: 'Decode error\npop. vector (°)', unit: '°', digits: 1 },
  { id: 'input_pct_control', label: 'Mean delay input to stimulus neuron, % of control', short: 'Delay input\n% of control', unit: '%', digits: 1 }
]

export function measureById(id: CompareMeasureId): CompareMeasure {
  const m = COMPARE_MEASURES.find((x) => x.id === id)
  if (!m) throw new Error(`Unknown measure ${id}`)
  return m
}

export interface ComparisonCell {
  /** One value per run, in the group's run order (NaN where undefined). */
  values: number[]
  stats: SummaryStats
  /** Against the control; null on the control row or when there is no control. */
  welch: WelchResult | null
}

export interface ComparisonRow {
  condition: string
  isControl: boolean
  runIds: string[]
  /** Repetition of each run, aligned with runIds. */
  reps: number[]
  cells: Record<CompareMeasureId, ComparisonCell>
}

export interface Comparison {
  control: string | null
  measures: readonly CompareMeasure[]
  rows: ComparisonRow[]
}

const SUMMARY_KEY: Record<Exclude<CompareMeasureId, 'input_pct_control'>, keyof RunRecord['summary']> = {
  termination: 'termination_time_s',
  exc_rate: 'exc_rate_hz',
  inh_rate: 'inh_rate_hz',
  bump_rate: 'bump_rate_hz',
  decode_error_reference: 'decode_error_reference_deg',
  decode_error_vector: 'decode_error_vector_deg'
}

/**
 * Per-run values of a measure. The input measure is each run's input to the neuron at the stimulus
 * orientation as % of the control condition's mean (the reference's "mean synaptic input to one
 * neuron, % of control"); without a control it is undefined.
 */
function measureValues(runs: readonly RunRecord[], id: CompareMeasureId, controlInputMean: number): number[] {
  if (id === 'input_pct_control') {
    return runs.map((r) => (Number.isNaN(controlInputMean) ? NaN : percentOfControl(r.summary.mean_delay_input_stim_neuron, controlInputMean)))
  }
  const key = SUMMARY_KEY[id]
  return runs.map((r) => r.summary[key])
}

export function buildComparison(groups: readonly ConditionGroup[], control: string | null): Comparison {
  const controlGroup = control === null ? undefined : groups.find((g) => g.condition === control)
  const controlInputMean = controlGroup ? summaryStats(controlGroup.runs.map((r) => r.summary.mean_delay_input_stim_neuron)).mean : NaN
  const controlValues = new Map<CompareMeasureId, number[]>()
  if (controlGroup) for (const m of COMPARE_MEASURES) controlValues.set(m.id, measureValues(controlGroup.runs, m.id, controlInputMean))

  const rows = groups.map((g): ComparisonRow => {
    const isControl = g === controlGroup
    const cells = {} as Record<CompareMeasureId, ComparisonCell>
    for (const m of COMPARE_MEASURES) {
      const values = isControl ? controlValues.get(m.id)! : measureValues(g.runs, m.id, controlInputMean)
      const ref = controlValues.get(m.id)
      cells[m.id] = { values, stats: summaryStats(values), welch: ref && !isControl ? welchTTest(values, ref) : null }
    }
    return { condition: g.condition, isControl, runIds: g.runs.map((r) => r.runId), reps: g.runs.map((r) => r.rep), cells }
  })
  return { control: controlGroup ? controlGroup.condition : null, measures: COMPARE_MEASURES, rows }
}

/** Below this a difference from control is highlighted. */
export const SIGNIFICANCE = 0.05

export function isSignificant(w: WelchResult | null): boolean {
  return w !== null && w.p < SIGNIFICANCE
}
