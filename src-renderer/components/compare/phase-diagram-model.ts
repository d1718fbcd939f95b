/**
 * The numbers behind the phase diagram: when the finished runs' conditions form a full mu_exc x
 * mu_inh grid (src-shared/report/grid-report.ts, the rule the CLI's grid.csv follows), each
 * cell's runs and the summary statistics of one measure over them. Cells are Compare's groups
 * (condition + parameter set), so runs of different parameters are never pooled in a cell. Pure.
 */
import { RUN_MEASURES, summaryStats, type RunMeasure, type SummaryStats } from '../../../src-shared/analysis'
import { detectGrid, gridCsv, type GridCondition } from '../../../src-shared/report/grid-report'
import { buildReport } from '../../../src-shared/report/experiment-report'
import type { ConditionGroup } from './compare-model'

export interface PhaseCell {
  condition: string
  runIds: string[]
  stats: SummaryStats
}

export interface PhaseGrid {
  muExc: number[]
  muInh: number[]
  /** cells[i][j] at (muExc[i], muInh[j]). */
  cells: PhaseCell[][]
  measure: RunMeasure
}

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
function gridConditions(groups: readonly ConditionGroup[]): GridCondition[] | undefined {
  const out: GridCondition[] = []
  for (const g of groups) {
    const { mu_exc, mu_inh } = g.runs[0]
    if (g.runs.some((r) => r.mu_exc !== mu_exc || r.mu_inh !== mu_inh)) return undefined
    out.push({ name: g.label, mu_exc, mu_inh })
  }
  return out
}

export function buildPhaseGrid(groups: readonly ConditionGroup[], measure: RunMeasure = 'termination_time_s'): PhaseGrid | undefined {
  const conditions = gridConditions(groups)
  const grid = conditions && detectGrid(conditions)
  if (!grid) return undefined
  const byCondition = new Map(groups.map((g) => [g.label, g.runs]))
  const cells = grid.names.map((row) =>
    row.map((condition) => {
      const runs = byCondition.get(condition) ?? []
      return { condition, runIds: runs.map((r) => r.runId), stats: summaryStats(runs.map((r) => r.summary[measure])) }
    })
  )
  return { muExc: grid.muExc, muInh: grid.muInh, cells, measure }
}

/** The same grid.csv the headless runner writes, for these groups' runs: every measure, one row per cell. */
export function phaseGridCsv(groups: readonly ConditionGroup[]): string | undefined {
  const conditions = gridConditions(groups)
  const grid = conditions && detectGrid(conditions)
  if (!grid) return undefined
  const runs = groups.flatMap((g) => g.runs.map((r) => ({ record: { ...r, condition: g.label }, counts: [] })))
  return gridCsv(grid, buildReport(runs), RUN_MEASURES)
}
