/**
 * The numbers behind the phase diagram: when the finished runs' conditions form a full grid over
 * two or three of mu_exc, mu_inh and stimulus_A (src-shared/report/grid-report.ts, the rule the
 * CLI's grid.csv follows), each cell's runs and the summary statistics of one measure over them.
 * A third axis is shown one value at a time (the slice). Cells are Compare's groups (condition +
 * parameter set), so runs of different parameters are never pooled in a cell. Pure.
 */
import { RUN_MEASURES, summaryStats, type RunMeasure, type SummaryStats } from '../../../src-shared/analysis'
import { cellIndex, detectGrid, gridCsv, type GridCondition } from '../../../src-shared/report/grid-report'
import { buildReport } from '../../../src-shared/report/experiment-report'
import type { GridAxis } from '../../../src-shared/experiment/grid-axes'
import type { ParameterSet } from '../../../src-shared/params/types'
import type { ConditionGroup } from './compare-model'

export interface PhaseCell {
  condition: string
  runIds: string[]
  stats: SummaryStats
}

export interface PhaseGrid {
  x: GridAxis
  y: GridAxis
  xValues: number[]
  yValues: number[]
  /** Every axis of the grid (two or three), in GRID_AXES order. */
  axes: GridAxis[]
  /** The picked axis of a 3-axis grid and the index of the value shown. */
  slice?: { axis: GridAxis; values: number[]; index: number }
  /** cells[i][j] at (xValues[i], yValues[j]). */
  cells: PhaseCell[][]
  measure: RunMeasure
}

/** The parameters a group ran with (Compare has them by conditionSha256). */
export type ParamsOf = (conditionSha256: string) => ParameterSet | undefined

/** What each measure is called in the picker, with its unit. */
export const PHASE_MEASURES: ReadonlyArray<{ id: RunMeasure; label: string }> = [
  { id: 'termination_time_s', label: 'Termination time (s)' },
  { id: 'exc_rate_hz', label: 'Excitatory delay rate (Hz)' },
  { id: 'inh_rate_hz', label: 'Inhibitory delay rate (Hz)' },
  { id: 'bump_rate_hz', label: 'Bump rate (Hz)' },
  { id: 'decode_error_vector_deg', label: 'Decode error, population vector (°)' },
  { id: 'decode_error_reference_deg', label: 'Decode error, reference mean (°)' },
  { id: 'mean_delay_input_stim_neuron', label: 'Mean delay input to stimulus neuron (pA)' }
]

/** One entry per group whose runs all share one (mu_exc, mu_inh); undefined if any group mixes them. */
function gridConditions(groups: readonly ConditionGroup[], paramsOf: ParamsOf): GridCondition[] | undefined {
  const out: GridCondition[] = []
  for (const g of groups) {
    const { mu_exc, mu_inh } = g.runs[0]
    if (g.runs.some((r) => r.mu_exc !== mu_exc || r.mu_inh !== mu_inh)) return undefined
    out.push({ name: g.label, mu_exc, mu_inh, stimulus_A: paramsOf(g.conditionSha256)?.stimuli_input.A ?? NaN })
  }
  return out
}

const unknownParams: ParamsOf = () => undefined

/** Which value of which axis a 3-axis grid shows; by default the last axis's first value. */
export interface PhaseSlice {
  axis?: GridAxis
  index?: number
}

export function buildPhaseGrid(groups: readonly ConditionGroup[], paramsOf: ParamsOf = unknownParams, measure: RunMeasure = 'termination_time_s', slice: PhaseSlice = {}): PhaseGrid | undefined {
  const conditions = gridConditions(groups, paramsOf)
  const grid = conditions && detectGrid(conditions)
  if (!grid) return undefined
  const byCondition = new Map(groups.map((g) => [g.label, g.runs]))
  // The picked axis goes to the picker; the other two keep their order across and up.
  const sliced = grid.axes.length === 3 ? (slice.axis && grid.axes.includes(slice.axis) ? slice.axis : grid.axes[2]) : undefined
  const order = sliced ? [...grid.axes.filter((a) => a !== sliced), sliced] : grid.axes
  const pos = order.map((a) => grid.axes.indexOf(a))
  const [xValues, yValues, third] = pos.map((p) => grid.values[p])
  const k = third ? Math.min(Math.max(0, slice.index ?? 0), third.length - 1) : 0
  const cells = xValues.map((_, i) =>
    yValues.map((_, j) => {
      const at: number[] = []
      ;[i, j, k].slice(0, pos.length).forEach((v, n) => (at[pos[n]] = v))
      const condition = grid.names[cellIndex(grid, at)]
      const runs = byCondition.get(condition) ?? []
      return { condition, runIds: runs.map((r) => r.runId), stats: summaryStats(runs.map((r) => r.summary[measure])) }
    })
  )
  const out: PhaseGrid = { x: order[0], y: order[1], xValues, yValues, axes: grid.axes, cells, measure }
  if (sliced && third) out.slice = { axis: sliced, values: third, index: k }
  return out
}

/** The same grid.csv the headless runner writes, for these groups' runs: every measure, one row per cell (every slice). */
export function phaseGridCsv(groups: readonly ConditionGroup[], paramsOf: ParamsOf = unknownParams): string | undefined {
  const conditions = gridConditions(groups, paramsOf)
  const grid = conditions && detectGrid(conditions)
  if (!grid) return undefined
  const runs = groups.flatMap((g) => g.runs.map((r) => ({ record: { ...r, condition: g.label }, counts: [] })))
  return gridCsv(grid, buildReport(runs), RUN_MEASURES)
}
