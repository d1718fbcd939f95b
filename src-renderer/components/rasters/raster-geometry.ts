/** Where the plot sits inside a raster panel's canvas, and how time maps to its columns. */

export interface PlotRect {
  x: number
  y: number
  width: number
  height: number
}

/** Margins in CSS pixels: room for the population names and neuron ticks on the left and time ticks below. */
export const PANEL_MARGIN = { left: 52, right: 12, top: 6, bottom: 22 } as const

/** The plot area of a canvas of cssWidth x cssHeight at `dpr` device pixels per CSS pixel, in device pixels. */
export function plotRect(cssWidth: number, cssHeight: number, dpr: number): PlotRect {
  const x = Math.round(PANEL_MARGIN.left * dpr)
  const y = Math.round(PANEL_MARGIN.top * dpr)
  const width = Math.max(1, Math.round((cssWidth - PANEL_MARGIN.left - PANEL_MARGIN.right) * dpr))
  const height = Math.max(1, Math.round((cssHeight - PANEL_MARGIN.top - PANEL_MARGIN.bottom) * dpr))
  return { x, y, width, height }
}

/** Time at a horizontal offset (CSS px from the canvas' left edge), clamped to [t0, t1]. */
export function timeAtOffset(offsetX: number, cssWidth: number, t0: number, t1: number): number {
  const w = Math.max(1, cssWidth - PANEL_MARGIN.left - PANEL_MARGIN.right)
  const f = (offsetX - PANEL_MARGIN.left) / w
  const t = t0 + f * (t1 - t0)
  return t < t0 ? t0 : t > t1 ? t1 : t
}

/** Tick times at multiples of 1, 2 or 5 x 10^k inside [t0, t1], at most about `maxTicks` of them. */
export function timeTicks(t0: number, t1: number, maxTicks = 6): { values: number[]; decimals: number } {
  const span = t1 - t0
  if (!(span > 0) || !Number.isFinite(span)) return { values: [t0], decimals: 0 }
  const raw = span / Math.max(1, maxTicks)
  const mag = Math.pow(10, Math.floor(Math.log10(raw)))
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9))
  const values: number[] = []
  for (let k = Math.ceil(t0 / step - 1e-9); k * step <= t1 + step * 1e-9; k++) values.push(Number((k * step).toFixed(decimals)))
  return { values, decimals }
}
