/**
 * The comparison table as a labelled heatmap: a row per condition, a column per measure, each cell
 * reading "mean ± sd" and n. Colour is the condition's mean scaled within its column (lowest light,
 * highest dark), so columns with different units compare at a glance.
 */
import { CHART_TEXT, type ChartOption } from '../../charts/echarts'
import { isSignificant, type Comparison } from './compare-model'
import { fmtMeanSd } from './format'

export const HEATMAP_ROW_PX = 46
export const HEATMAP_HEADER_PX = 64

/** Room under the rows for the colour scale. */
const SCALE_PX = 40

export function heatmapHeight(c: Comparison): number {
  return HEATMAP_HEADER_PX + 16 + SCALE_PX + Math.max(1, c.rows.length) * HEATMAP_ROW_PX
}

/** Mean scaled to 0..1 within its column; 0.5 when all conditions share one value. */
export function columnNormalised(means: readonly number[]): number[] {
  let lo = Infinity
  let hi = -Infinity
  for (const m of means) {
    if (!Number.isFinite(m)) continue
    if (m < lo) lo = m
    if (m > hi) hi = m
  }
  return means.map((m) => (!Number.isFinite(m) ? NaN : hi > lo ? (m - lo) / (hi - lo) : 0.5))
}

export function rowLabel(condition: string, isControl: boolean): string {
  return isControl ? `${condition} (control)` : condition
}

export function heatmapOption(c: Comparison): ChartOption {
  const rowLabels = c.rows.map((r) => rowLabel(r.condition, r.isControl))
  const data: [number, number, number][] = []
  const labels: string[] = []
  const tooltips: string[] = []
  c.measures.forEach((m, j) => {
    const norm = columnNormalised(c.rows.map((r) => r.cells[m.id].stats.mean))
    c.rows.forEach((r, i) => {
      const cell = r.cells[m.id]
      if (!Number.isFinite(norm[i])) return
      const star = isSignificant(cell.welch) ? ' *' : ''
      data.push([j, i, norm[i]])
      labels.push(`${fmtMeanSd(cell.stats, m.digits)}${star}\nn = ${cell.stats.n}`)
      const p = cell.welch ? `, p = ${cell.welch.p.toPrecision(3)} vs control` : ''
      tooltips.push(`${rowLabels[i]}<br>${m.label}: ${fmtMeanSd(cell.stats, m.digits)} ${m.unit} (n = ${cell.stats.n}${p})`)
    })
  })
  const longest = rowLabels.reduce((a, s) => Math.max(a, s.length), 0)
  return {
    animation: false,
    textStyle: { ...CHART_TEXT },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => tooltips[(p as { dataIndex: number }).dataIndex] ?? ''
    },
    grid: { left: Math.min(260, 16 + longest * 7), right: 8, top: HEATMAP_HEADER_PX, bottom: 8 + SCALE_PX },
    xAxis: {
      type: 'category',
      position: 'top',
      data: c.measures.map((m) => m.short),
      axisLabel: { interval: 0, fontSize: 11, lineHeight: 14 },
      axisTick: { show: false },
      axisLine: { show: false }
    },
    yAxis: {
      type: 'category',
      data: rowLabels,
      inverse: true,
      axisLabel: { fontSize: 12 },
      axisTick: { show: false },
      axisLine: { show: false }
    },
    // The scale is relative: each column runs from its lowest to its highest condition mean.
    visualMap: {
      show: true,
      type: 'continuous',
      orient: 'horizontal',
      left: 'center',
      bottom: 4,
      itemHeight: 180,
      itemWidth: 12,
      calculable: false,
      hoverLink: false,
      text: ['highest mean in its column', 'colour: lowest'],
      textStyle: { fontSize: 11, color: CHART_TEXT.color },
      min: 0,
      max: 1,
      dimension: 2,
      inRange: { color: ['#f4f8fc', '#bcd4ea', '#6f9fd0'] }
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          fontSize: 11,
          lineHeight: 14,
          color: '#102a43',
          formatter: (p: unknown) => labels[(p as { dataIndex: number }).dataIndex] ?? ''
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: '#2a3f5f', borderWidth: 2 } }
      }
    ]
  }
}
