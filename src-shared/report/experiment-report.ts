/**
 * The numbers an experiment reports, built once and written as JSON, CSV and a terminal table:
 * per run, and per condition with summary statistics and Welch's t-test against the control.
 */
import type { RunRecord } from '../ipc/contract'
import { RUN_MEASURES, summarizeCondition, compareToControl, type ConditionStats, type ControlComparison, type RunMeasure } from '../analysis/summary'
import { toCsv } from './csv'
import { stoppedEarlyAt } from '../analysis/early-stop'

export interface ReportRun {
  record: RunRecord
  /** Spikes per neuron over the whole run (Ne + Ni numbers). */
  counts: ArrayLike<number>
}

export interface ConditionReport {
  condition: string
  n: number
  stats: ConditionStats
  /** Absent for the control itself or when there is no control. */
  vsControl?: ControlComparison
}

export interface ExperimentReport {
  control?: string
  conditions: ConditionReport[]
}

export function buildReport(runs: readonly ReportRun[], control?: string): ExperimentReport {
  const byCondition = new Map<string, RunRecord[]>()
  for (const r of runs) {
    const list = byCondition.get(r.record.condition) ?? []
    list.push(r.record)
    byCondition.set(r.record.condition, list)
  }
  const controlRuns = control ? byCondition.get(control)?.map((r) => r.summary) : undefined
  const conditions: ConditionReport[] = []
  for (const [condition, records] of byCondition) {
    const summaries = records.map((r) => r.summary)
    conditions.push({
      condition,
      n: records.length,
      stats: summarizeCondition(summaries),
      vsControl: controlRuns && condition !== control ? compareToControl(summaries, controlRuns) : undefined
    })
  }
  return { control: controlRuns ? control : undefined, conditions }
}

export function runsJson(runs: readonly ReportRun[]): object[] {
  return runs.map(({ record: r, counts }) => ({
    run_id: r.runId,
    condition: r.condition,
    repetition: r.rep + 1,
    mu_exc: r.mu_exc,
    mu_inh: r.mu_inh,
    seed: r.seed,
    orientation_deg: r.orientationDeg,
    input_mode: r.inputMode,
    termination_time_s: r.summary.termination_time_s,
    exc_spikes: r.summary.exc_spikes,
    inh_spikes: r.summary.inh_spikes,
    measures: r.summary,
    elapsed_ms: Math.round(r.elapsedMs),
    // A run stopped early has counts of part of the run only: not available rather than wrong.
    ...(stoppedEarlyAt(r.summary) !== undefined ? { stopped_early_at_s: stoppedEarlyAt(r.summary), spike_counts: null } : { spike_counts: Array.from(counts) })
  }))
}

export function runsCsv(runs: readonly ReportRun[]): string {
  // The early-stopping column appears only when early stopping was on.
  const early = runs.some(({ record: r }) => stoppedEarlyAt(r.summary) !== undefined)
  const header = ['run_id', 'condition', 'repetition', 'mu_exc', 'mu_inh', 'seed', 'orientation_deg', 'input_mode', ...RUN_MEASURES, ...(early ? ['stopped_early_at_s'] : [])]
  const rows = runs.map(({ record: r }) => [
    r.runId, r.condition, r.rep + 1, r.mu_exc, r.mu_inh, r.seed, r.orientationDeg, r.inputMode,
    ...RUN_MEASURES.map((m) => r.summary[m]), ...(early ? [stoppedEarlyAt(r.summary)] : [])
  ])
  return toCsv(header, rows)
}

export function conditionsCsv(report: ExperimentReport, measures: readonly RunMeasure[] = RUN_MEASURES): string {
  const header = ['condition', 'n', 'measure', 'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max', 'welch_t', 'welch_df', 'welch_p_vs_control']
  const rows: unknown[][] = []
  for (const c of report.conditions) {
    for (const m of measures) {
      const s = c.stats[m]
      const w = c.vsControl?.[m]
      rows.push([c.condition, s.n, m, s.mean, s.sd, s.median, s.q1, s.q3, s.min, s.max, w?.t, w?.df, w?.p])
    }
  }
  return toCsv(header, rows)
}
