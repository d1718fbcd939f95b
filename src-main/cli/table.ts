import type { ExperimentReport } from '../../src-shared/report/experiment-report'
import type { SummaryStats } from '../../src-shared/analysis/stats'

function meanSd(s: SummaryStats, digits: number): string {
  if (s.n === 0 || !Number.isFinite(s.mean)) return 'n/a'
  return s.n > 1 && Number.isFinite(s.sd) ? `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}` : s.mean.toFixed(digits)
}

function pValue(p: number | undefined): string {
  if (p === undefined) return '—'
  if (!Number.isFinite(p)) return 'n/a'
  return p < 0.001 ? '<0.001' : p.toFixed(3)
}

/** The terminal table: one row per condition, mean ± sd across repetitions. */
export function formatReportTable(report: ExperimentReport): string {
  const header = ['condition', 'n', 'termination (s)', 'exc rate (Hz)', 'inh rate (Hz)', 'bump rate (Hz)', 'decode err (°)', `p vs ${report.control ?? 'control'}`]
  const rows = report.conditions.map((c) => [
    c.condition,
    String(c.n),
    meanSd(c.stats.termination_time_s, 2),
    meanSd(c.stats.exc_rate_hz, 2),
    meanSd(c.stats.inh_rate_hz, 2),
    meanSd(c.stats.bump_rate_hz, 1),
    meanSd(c.stats.decode_error_vector_deg, 1),
    pValue(c.vsControl?.termination_time_s.p)
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  const lines = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)]
  if (report.conditions.some((c) => c.vsControl && !Number.isFinite(c.vsControl.termination_time_s.p))) {
    lines.push('', "n/a: Welch's t-test needs at least 2 runs with some spread in both conditions (add repetitions).")
  }
  return lines.join('\n')
}
