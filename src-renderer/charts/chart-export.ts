/**
 * Charts to files: PNG from the on-screen chart, SVG by rendering the same option again with the
 * SVG renderer off screen (server-side mode needs no DOM), so exports are vector even though the
 * screen uses canvas.
 */
import { init, type ChartOption, type EChartsType } from './echarts'

/** The base64 body of a data: URL (what 'export:save' takes for binary files). */
export function dataUrlBase64(url: string): string {
  const comma = url.indexOf(',')
  if (!url.startsWith('data:') || comma < 0) throw new Error('The chart did not produce an image (no data: URL).')
  return url.slice(comma + 1)
}

export function chartPngBase64(chart: EChartsType, pixelRatio = 2): string {
  return dataUrlBase64(chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: '#ffffff' }))
}

/** SVG text of `option` drawn at width x height, animations off. */
export function renderSvgString(option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ ...option, animation: false, backgroundColor: '#ffffff' })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** Whether this page can draw on a canvas at all (jsdom cannot). */
export function canvasAvailable(): boolean {
  if (typeof document === 'undefined') return false
  try {
    return document.createElement('canvas').getContext('2d') !== null
  } catch {
    return false
  }
}
