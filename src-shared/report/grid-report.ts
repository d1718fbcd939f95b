/**
 * 2-D serotonin grids in results: which conditions form a full mu_exc x mu_inh grid (one
 * condition per cell, at least two values on each axis), and grid.csv, one row per cell. The
 * CLI writes grid.csv and the app's phase diagram reads the same cells.
 */
import type { ExperimentReport } from './experiment-report'
import { RUN_MEASURES, type RunMeasure } from '../analysis/summary'
import { toCsv } from './csv'

export interface GridCondition {
  name: string
  mu_exc: number
  mu_inh: number
}

export interface SerotoninGrid {
  /** Ascending axis values. */
  muExc: number[]
  muInh: number[]
  /** Condition name of cell [i][j] = (muExc[i], muInh[j]). */
  names: string[][]
}

/** The grid the conditions form, or undefined when they are not a full 2-D grid. */
export function detectGrid(conditions: readonly GridCondition[]): SerotoninGrid | undefined {
  const muExc = [...new Set(conditions.map((c) => c.mu_exc))].sort((a, b) => a - b)
  const muInh = [...new Set(conditions.map((c) => c.mu_inh))].sort((a, b) => a - b)
  if (muExc.length < 2 || muInh.length < 2 || conditions.length !== muExc.length * muInh.length) return undefined
  const names = muExc.map(() => new Array<string>(muInh.length).fill(''))
  for (const c of conditions) {
    const row = names[muExc.indexOf(c.mu_exc)]
    const j = muInh.indexOf(c.mu_inh)
    if (row[j] !== '') return undefined
    row[j] = c.name
  }
  return { muExc, muInh, names }
}

/** grid.csv: mu_exc, mu_inh, condition, n, then mean and sd of every measure, one row per cell. */
export function gridCsv(grid: SerotoninGrid, report: ExperimentReport, measures: readonly RunMeasure[] = RUN_MEASURES): string {
  const byName = new Map(report.conditions.map((c) => [c.condition, c]))
  const header = ['mu_exc', 'mu_inh', 'condition', 'n', ...measures.flatMap((m) => [`${m}_mean`, `${m}_sd`])]
  const rows: unknown[][] = []
  grid.muExc.forEach((e, i) =>
    grid.muInh.forEach((h, j) => {
      const name = grid.names[i][j]
      const c = byName.get(name)
      rows.push([e, h, name, c?.n ?? 0, ...measures.flatMap((m) => [c?.stats[m].mean, c?.stats[m].sd])])
    })
  )
  return toCsv(header, rows)
}
