/** Clipped drawing primitives on one-byte-per-pixel palette-index buffers. */
import type { IndexedCanvas } from './bitmap-font'

export type { IndexedCanvas } from './bitmap-font'

/** Fills the half-open rectangle [x0, x1) x [y0, y1), clipped to the canvas. */
export function fillRect(canvas: IndexedCanvas, x0: number, y0: number, x1: number, y1: number, color: number): void {
  const { data, width, height } = canvas
  const xa = Math.max(0, Math.floor(x0))
  const xb = Math.min(width, Math.floor(x1))
  const ya = Math.max(0, Math.floor(y0))
  const yb = Math.min(height, Math.floor(y1))
  if (xa >= xb) return
  for (let y = ya; y < yb; y++) data.fill(color, y * width + xa, y * width + xb)
}

/** A vertical dashed line of thickness `thickness` centred on x, from y0 to y1. */
export function dashedVLine(
  canvas: IndexedCanvas,
  x: number,
  y0: number,
  y1: number,
  thickness: number,
  dash: number,
  gap: number,
  color: number
): void {
  const xa = Math.round(x - thickness / 2)
  for (let y = y0; y < y1; y += dash + gap) {
    fillRect(canvas, xa, y, xa + thickness, Math.min(y + dash, y1), color)
  }
}
