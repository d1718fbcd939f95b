/**
 * The numbers behind the Compare view: finished runs grouped by condition and parameter set, each measure summarised
 * per condition and tested against the control condition (Welch's t-test). Pure, so the table, the
 * charts and the CSV all show the same values.
 */
import type { RunRecord } from '../../../src-shared/ipc/contract'
import { percentOfControl, summaryStats, welchTTest, type SummaryStats, type WelchResult } from '../../../src-shared/analysis'
import { stoppedEarlyAt } from '../../../src-shared/analysis/early-stop'
import { differingFields, PER_RUN_FIELDS } from '../../../src-shared/params/canonical'
import { GROUP_NAMES, PARAMETER_SCHEMA } from '../../../src-shared/params/schema'
import type { ParameterSet } from '../../../src-shared/params/types'

export interface ConditionGroup {
  /** Condition name and parameter hash: what identifies the group. */
  key: string
  condition: string
  conditionSha256: string
  /** The condition's name, followed by how its parameters differ where one name ran with several sets. */
  label: string
  /** Sorted by repetition; a run's number in the group is its index + 1. */
  runs: RunRecord[]
}

/** The fields that differ between parameter sets of one condition name, as "j_ee 0.9, RS.k 0.8". */
function describeDifference(base: ParameterSet, other: ParameterSet): string {
  const diff = differingFields(base, other, PER_RUN_FIELDS)
  if (!diff.length) return ''
  const shown = diff.slice(0, MAX_SHOWN_DIFFERENCES).map((d) => `${AMBIGUOUS_KEYS.has(d.key) ? `${d.group}.` : ''}${d.key} ${d.b}`)
  return diff.length > MAX_SHOWN_DIFFERENCES ? `${shown.join(', ')} +${diff.length - MAX_SHOWN_DIFFERENCES} more` : shown.join(', ')
}
const MAX_SHOWN_DIFFERENCES = 3
/** Keys that more than one group has (RS and FS share theirs): shown with their group. */
const AMBIGUOUS_KEYS = (() => {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const g of GROUP_NAMES) for (const k of Object.keys(PARAMETER_SCHEMA[g].fields)) (seen.has(k) ? twice : seen).add(k)
  return twice
})()

/**
 * Groups runs by condition name and the exact parameter set they ran with (conditionSha256): runs
 * of one name made with different parameters are never pooled. Groups of one name stay together,
 * names in the order of `nameOrder` (the conditions table), other names in the order they first
 * appear. The first group of a name keeps the plain name; later ones are labelled with what
 * differs from it ("normal · j_ee 0.9"), using `paramsOf` to find each group's parameters.
 */
export function groupRuns(
  records: Iterable<RunRecord>,
  paramsOf: (conditionSha256: string) => ParameterSet | undefined = () => undefined,
  nameOrder: readonly string[] = []
): ConditionGroup[] {
  const byKey = new Map<string, ConditionGroup>()
  for (const r of records) {
    const key = `${r.condition}\u0000${r.conditionSha256}`
    const g = byKey.get(key)
    if (g) g.runs.push(r)
    else byKey.set(key, { key, condition: r.condition, conditionSha256: r.conditionSha256, label: r.condition, runs: [r] })
  }
  const appearance = new Map<string, number>()
  for (const g of byKey.values()) if (!appearance.has(g.condition)) appearance.set(g.condition, appearance.size)
  const rank = (name: string) => {
    const i = nameOrder.indexOf(name)
    return i >= 0 ? i : nameOrder.length + appearance.get(name)!
  }
  // Array.prototype.sort is stable: groups of one name keep the order they first appeared in.
  const groups = [...byKey.values()].sort((a, b) => rank(a.condition) - rank(b.condition))
  const firstOfName = new Map<string, ConditionGroup>()
  const labels = new Set<string>()
  for (const g of groups) {
    g.runs.sort((a, b) => a.rep - b.rep)
    const first = firstOfName.get(g.condition)
    if (!first) {
      firstOfName.set(g.condition, g)
    } else {
      const base = paramsOf(first.conditionSha256)
      const mine = paramsOf(g.conditionSha256)
      const what = base && mine ? describeDifference(base, mine) : ''
      g.label = `${g.condition} · ${what || `parameters ${g.conditionSha256.slice(0, 8)}`}`
    }
    if (labels.has(g.label)) g.label = `${g.label} (${g.conditionSha256.slice(0, 8)})`
    labels.add(g.label)
  }
  return groups
}

/** The preferred control (a group's key or label, or a condition name: its first group) if it has runs, else the first group run with mu_exc = mu_inh = 1, else the first. */
export function defaultControl(groups: readonly ConditionGroup[], preferred?: string | null): string | null {
  if (preferred) {
    const g = groups.find((x) => x.key === preferred || x.label === preferred) ?? groups.find((x) => x.condition === preferred)
    if (g) return g.key
  }
  const normal = groups.find((g) => g.runs.some((r) => r.mu_exc === 1 && r.mu_inh === 1))
  return (normal ?? groups[0])?.key ?? null
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
  { id: 'decode_error_vector', label: 'Decode error, population vector (circular)', short: 'Decode error\npop. vector (°)', unit: '°', digits: 1 },
  { id: 'decode_error_reference', label: 'Decode error, reference mean (linear)', short: 'Decode error\nref. mean (°)', unit: '°', digits: 1 },
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
  /** The group's key (see ConditionGroup). */
  key: string
  /** The group's label: the condition's name, plus how its parameters differ where needed. */
  condition: string
  conditionSha256: string
  isControl: boolean
  runIds: string[]
  /** Repetition of each run, aligned with runIds. */
  reps: number[]
  /** How many of the runs stopped early: their measures that need the whole run are n/a. */
  stoppedEarly: number
  cells: Record<CompareMeasureId, ComparisonCell>
}

export interface Comparison {
  /** The control group's key, and its label. */
  control: string | null
  controlLabel: string | null
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
  const controlGroup = control === null ? undefined : (groups.find((g) => g.key === control) ?? groups.find((g) => g.condition === control))
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
    return { key: g.key, condition: g.label, conditionSha256: g.conditionSha256, isControl, runIds: g.runs.map((r) => r.runId), reps: g.runs.map((r) => r.rep), stoppedEarly: g.runs.filter((r) => stoppedEarlyAt(r.summary) !== undefined).length, cells }
  })
  return { control: controlGroup ? controlGroup.key : null, controlLabel: controlGroup ? controlGroup.label : null, measures: COMPARE_MEASURES, rows }
}

/** Below this a difference from control is highlighted. */
export const SIGNIFICANCE = 0.05

export function isSignificant(w: WelchResult | null): boolean {
  return w !== null && w.p < SIGNIFICANCE
}
