/**
 * A measure per condition as in the thesis figures: a box (q1, median, q3) with whiskers to the
 * minimum and maximum, and every run as a jittered dot on top. Clicking a dot names its run.
 */
import { CHART_TEXT, type ChartOption } from '../../charts/echarts'
import { measureById, type CompareMeasureId, type Comparison } from './compare-model'
import { fmt } from './format'

/** Horizontal offset of a run's dot within its condition's slot, fixed per repetition so dots never jump. */
export function jitter(rep: number): number {
  const golden = (rep * 0.6180339887498949) % 1
  return (golden - 0.5) * 0.4
}

export interface BoxplotPoint {
  runId: string
  condition: string
  rep: number
  /** The run's number within its group (1-based), as the raster picker shows it. */
  number: number
  value: number
}

/** Dots of every run with a defined value, in series order (the scatter's dataIndex indexes this). */
export function boxplotPoints(c: Comparison, id: CompareMeasureId): BoxplotPoint[] {
  const out: BoxplotPoint[] = []
  for (const r of c.rows) {
    r.cells[id].values.forEach((v, k) => {
      if (Number.isFinite(v)) out.push({ runId: r.runIds[k], condition: r.condition, rep: r.reps[k], number: k + 1, value: v })
    })
  }
  return out
}

export function boxplotOption(c: Comparison, id: CompareMeasureId): ChartOption {
  const m = measureById(id)
  const index = new Map(c.rows.map((r, i) => [r.condition, i]))
  const boxes = c.rows.map((r) => {
    const s = r.cells[id].stats
    return s.n > 0 ? [s.min, s.q1, s.median, s.q3, s.max] : ['-', '-', '-', '-', '-']
  })
  const points = boxplotPoints(c, id)
  // Condition names are long ("slightly decreased serotonin"): slanted, they stay readable side by side.
  const longest = Math.max(0, ...c.rows.map((r) => r.condition.length))
  const rotate = c.rows.length > 4 || longest > 12 ? 30 : 0
  return {
    animation: false,
    textStyle: { ...CHART_TEXT },
    title: { text: m.label, left: 'center', top: 4, textStyle: { fontSize: 13, fontWeight: 600, color: CHART_TEXT.color } },
    tooltip: {
      trigger: 'item',
      formatter: (raw: unknown) => {
        const p = raw as { seriesType: string; dataIndex: number }
        if (p.seriesType === 'scatter') {
          const pt = points[p.dataIndex]
          return pt ? `${pt.condition} #${pt.number}: ${fmt(pt.value, m.digits + 1)} ${m.unit}` : ''
        }
        const r = c.rows[p.dataIndex]
        if (!r) return ''
        const s = r.cells[id].stats
        const d = m.digits
        return `${r.condition}${r.isControl ? ' (control)' : ''} — n = ${s.n}<br>max ${fmt(s.max, d)}<br>q3 ${fmt(s.q3, d)}<br>median ${fmt(s.median, d)}<br>q1 ${fmt(s.q1, d)}<br>min ${fmt(s.min, d)}`
      }
    },
    grid: { left: 60, right: 16, top: 40, bottom: rotate ? Math.min(140, 24 + Math.ceil(longest * 3.4)) : 36 },
    xAxis: [
      { type: 'category', data: c.rows.map((r) => r.condition), axisLabel: { interval: 0, rotate, fontSize: 11 } },
      // The dots sit on a hidden value axis aligned with the category slots, so they can be jittered.
      { type: 'value', show: false, min: -0.5, max: Math.max(1, c.rows.length) - 0.5 }
    ],
    yAxis: {
      type: 'value',
      name: m.unit,
      scale: true,
      nameTextStyle: { fontSize: 11 },
      // Otherwise the axis line sits at x = 0 of the hidden dot axis, i.e. through the first box.
      axisLine: { show: true, onZero: false, lineStyle: { color: '#b9bec7' } },
      splitLine: { lineStyle: { color: '#e5ecf6' } }
    },
    series: [
      {
        type: 'boxplot',
        data: boxes as number[][],
        boxWidth: ['20%', '55%'],
        itemStyle: { color: '#dbe7f5', borderColor: '#2f5d9a', borderWidth: 1.5 }
      },
      {
        type: 'scatter',
        xAxisIndex: 1,
        data: points.map((pt) => ({ name: pt.runId, value: [index.get(pt.condition)! + jitter(pt.rep), pt.value] })),
        symbolSize: 6,
        itemStyle: { color: 'rgba(217, 72, 15, 0.6)' },
        z: 3
      }
    ]
  }
}
