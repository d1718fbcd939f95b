/**
 * Grids in results: which conditions form a full grid over two or three of the grid axes
 * (mu_exc, mu_inh, stimulus_A: one condition per cell, at least two values on each axis that
 * varies), and grid.csv, one row per cell. The CLI writes grid.csv and the app's phase diagram
 * reads the same cells.
 */
import type { ExperimentReport } from './experiment-report'
import type { ExperimentSpec } from '../experiment/types'
import { GRID_AXES, type GridAxis } from '../experiment/grid-axes'
import { RUN_MEASURES, type RunMeasure } from '../analysis/summary'
import { toCsv } from './csv'

export type GridCondition = { name: string } & Record<GridAxis, number>

export interface ConditionGrid {
  /** The axes that vary, in GRID_AXES order: two or three. */
  axes: GridAxis[]
  /** Ascending values of each axis. */
  values: number[][]
  /** Condition name of every cell, the first axis varying slowest (cellIndex). */
  names: string[]
}

/** Where the cell at these value indices (one per axis) is in `names`. */
export function cellIndex(grid: ConditionGrid, at: readonly number[]): number {
  return at.reduce((acc, i, k) => acc * grid.values[k].length + i, 0)
}

/** The experiment's conditions with their stimulus strength, which lives in their parameter set. */
export function gridConditionsOf(exp: Pick<ExperimentSpec, 'conditions' | 'parameterSets'>): GridCondition[] {
  return exp.conditions.map((c) => ({ name: c.name, mu_exc: c.mu_exc, mu_inh: c.mu_inh, stimulus_A: exp.parameterSets[c.parameterSet]?.stimuli_input.A ?? NaN }))
}

/** The grid the conditions form, or undefined when they are not a full grid over two or three axes. */
export function detectGrid(conditions: readonly GridCondition[]): ConditionGrid | undefined {
  const all = GRID_AXES.map((a) => [...new Set(conditions.map((c) => c[a]))].sort((x, y) => x - y))
  // An axis nobody knows (NaN everywhere: runs without their parameters) does not vary; a partly known one is no grid.
  if (all.some((v) => v.length > 1 && v.some((x) => !Number.isFinite(x)))) return undefined
  const axes = GRID_AXES.filter((_, k) => all[k].length >= 2)
  if (axes.length < 2) return undefined
  const values = axes.map((a) => all[GRID_AXES.indexOf(a)])
  const grid: ConditionGrid = { axes, values, names: new Array<string>(values.reduce((n, v) => n * v.length, 1)).fill('') }
  if (conditions.length !== grid.names.length) return undefined
  for (const c of conditions) {
    const i = cellIndex(grid, axes.map((a, k) => values[k].indexOf(c[a])))
    if (grid.names[i] !== '') return undefined
    grid.names[i] = c.name
  }
  return grid
}

/** Each cell's value indices, in the order of `names`. */
export function gridCells(grid: ConditionGrid): number[][] {
  let cells: number[][] = [[]]
  for (const v of grid.values) cells = cells.flatMap((c) => v.map((_, i) => [...c, i]))
  return cells
}

/** grid.csv: the axes' values, condition, n, then mean and sd of every measure, one row per cell. */
export function gridCsv(grid: ConditionGrid, report: ExperimentReport, measures: readonly RunMeasure[] = RUN_MEASURES): string {
  const byName = new Map(report.conditions.map((c) => [c.condition, c]))
  const header = [...grid.axes, 'condition', 'n', ...measures.flatMap((m) => [`${m}_mean`, `${m}_sd`])]
  const rows = gridCells(grid).map((at, cell) => {
    const name = grid.names[cell]
    const c = byName.get(name)
    return [...at.map((i, k) => grid.values[k][i]), name, c?.n ?? 0, ...measures.flatMap((m) => [c?.stats[m].mean, c?.stats[m].sd])]
  })
  return toCsv(header, rows)
}
