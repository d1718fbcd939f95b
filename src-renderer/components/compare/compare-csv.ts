/**
 * The comparison table as CSV, one line per condition and measure ("long" format, which loads
 * straight into pandas or R). Numbers keep full precision; undefined values are empty cells. A
 * condition is a condition name and the exact parameter set it ran with (parameters_sha256: the
 * SHA-256 of the canonical parameter set without seed and orientation).
 */
import type { Comparison } from './compare-model'

export const CSV_HEADER = [
  'condition', 'is_control', 'measure', 'unit', 'n', 'n_undefined',
  'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max', 'welch_t', 'welch_df', 'p_vs_control', 'control', 'parameters_sha256'
] as const

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : ''
}

/** RFC 4180 quoting: only fields with a comma, quote, line break or outer space are quoted. */
export function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function comparisonToCsv(c: Comparison): string {
  const lines = [CSV_HEADER.join(',')]
  for (const row of c.rows) {
    for (const m of c.measures) {
      const { stats: s, welch: w } = row.cells[m.id]
      lines.push([
        csvField(row.condition),
        row.isControl ? 'true' : 'false',
        csvField(m.label),
        csvField(m.unit),
        String(s.n),
        String(s.nNaN),
        num(s.mean), num(s.sd), num(s.median), num(s.q1), num(s.q3), num(s.min), num(s.max),
        w ? num(w.t) : '', w ? num(w.df) : '', w ? num(w.p) : '',
        csvField(c.controlLabel ?? ''),
        row.conditionSha256
      ].join(','))
    }
  }
  return lines.join('\n') + '\n'
}
