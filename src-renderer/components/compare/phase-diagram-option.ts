/**
 * The phase diagram as an ECharts option: the grid's first axis across, its second up (titles
 * from the parameter schema), each cell coloured by the mean
 * of the chosen measure over its runs (a colour bar with the range beside it); hover gives n, mean
 * and sd. Cells without a value (no runs, or the measure undefined in all of them) stay blank.
 */
import { CHART_TEXT, type ChartOption } from '../../charts/echarts'
import type { PhaseGrid } from './phase-diagram-model'
import { PHASE_MEASURES } from './phase-diagram-model'
import { fmt } from './format'
import { axisTitle } from '../../../src-shared/experiment/grid-axes'

export const PHASE_CELL_PX = 26

export function phaseDiagramHeight(g: PhaseGrid): number {
  return Math.min(720, Math.max(260, 90 + g.yValues.length * PHASE_CELL_PX))
}

/** The cell a chart event's value [i, j, mean] points at. */
export function phaseCellAt(g: PhaseGrid, value: unknown): { i: number; j: number } | undefined {
  if (!Array.isArray(value)) return undefined
  const i = Number(value[0])
  const j = Number(value[1])
  return g.cells[i]?.[j] ? { i, j } : undefined
}

export function phaseDiagramOption(g: PhaseGrid): ChartOption {
  const label = PHASE_MEASURES.find((m) => m.id === g.measure)?.label ?? g.measure
  const data: Array<[number, number, number | '-']> = []
  const tips: string[] = []
  let lo = Infinity
  let hi = -Infinity
  const at = g.slice ? `, ${g.slice.axis} ${g.slice.values[g.slice.index]}` : ''
  g.cells.forEach((row, i) =>
    row.forEach((cell, j) => {
      const { mean, sd, n } = cell.stats
      const finite = n > 0 && Number.isFinite(mean)
      if (finite) {
        lo = Math.min(lo, mean)
        hi = Math.max(hi, mean)
      }
      data.push([i, j, finite ? mean : '-'])
      tips.push(
        `${g.x} ${g.xValues[i]}, ${g.y} ${g.yValues[j]}${at}<br>${label}: ` +
          (finite ? `mean ${fmt(mean, 3)}, sd ${fmt(sd, 3)}` : 'no value') +
          `<br>n = ${n}${cell.stats.nNaN ? ` (+${cell.stats.nNaN} undefined)` : ''}`
      )
    })
  )
  if (!(hi >= lo)) {
    lo = 0
    hi = 1
  }
  return {
    animation: false,
    textStyle: { ...CHART_TEXT },
    tooltip: { trigger: 'item', formatter: (p: unknown) => tips[(p as { dataIndex: number }).dataIndex] ?? '' },
    grid: { left: 64, right: 96, top: 16, bottom: 56 },
    xAxis: {
      type: 'category',
      name: axisTitle(g.x),
      nameLocation: 'middle',
      nameGap: 34,
      data: g.xValues.map(String),
      axisLabel: { fontSize: 11, rotate: g.xValues.length > 12 ? 45 : 0 },
      splitArea: { show: false }
    },
    yAxis: {
      type: 'category',
      name: axisTitle(g.y),
      nameLocation: 'middle',
      nameGap: 48,
      data: g.yValues.map(String),
      axisLabel: { fontSize: 11 }
    },
    visualMap: {
      type: 'continuous',
      min: lo,
      max: hi === lo ? lo + 1 : hi,
      dimension: 2,
      calculable: false,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      text: [fmt(hi, 2), fmt(lo, 2)],
      inRange: { color: ['#fff7e6', '#f5b463', '#c0392b', '#4a0d0d'] }
    },
    series: [
      {
        type: 'heatmap',
        name: label,
        data,
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#2a3f5f', borderWidth: 2 } }
      }
    ]
  }
}
