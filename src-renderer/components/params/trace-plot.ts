/**
 * Draws a voltage trace into a band of a 2D canvas, min/max per pixel column so a 5000-sample
 * trace stays crisp at any width. Allocation-free; NaN samples end the line (divergence).
 */
export interface Band {
  x: number
  y: number
  width: number
  height: number
}

export function drawTrace(ctx: CanvasRenderingContext2D, v: Float64Array, band: Band, lo: number, hi: number, color: string): void {
  const n = v.length
  if (n === 0 || !(hi > lo)) return
  const sy = band.height / (hi - lo)
  const toY = (x: number): number => band.y + band.height - (Math.min(hi, Math.max(lo, x)) - lo) * sy
  ctx.strokeStyle = color
  ctx.lineWidth = 1
  ctx.beginPath()
  const cols = Math.max(1, Math.floor(band.width))
  let started = false
  for (let col = 0; col < cols; col++) {
    const i0 = Math.floor((col * n) / cols)
    const i1 = Math.max(i0 + 1, Math.floor(((col + 1) * n) / cols))
    let mn = Infinity
    let mx = -Infinity
    let broken = false
    for (let i = i0; i < i1 && i < n; i++) {
      const s = v[i]
      if (Number.isNaN(s)) {
        broken = true
        break
      }
      if (s < mn) mn = s
      if (s > mx) mx = s
    }
    if (mn === Infinity) break
    const x = band.x + col + 0.5
    if (!started) {
      ctx.moveTo(x, toY(v[i0]))
      started = true
    }
    ctx.lineTo(x, toY(mx))
    ctx.lineTo(x, toY(mn))
    if (broken) break
  }
  ctx.stroke()
}

export function drawAxisLine(ctx: CanvasRenderingContext2D, band: Band, lo: number, hi: number, value: number, label: string): void {
  if (!(value >= lo && value <= hi)) return
  const y = Math.round(band.y + band.height - ((value - lo) / (hi - lo)) * band.height) + 0.5
  ctx.strokeStyle = '#e3e6ea'
  ctx.setLineDash([3, 3])
  ctx.beginPath()
  ctx.moveTo(band.x, y)
  ctx.lineTo(band.x + band.width, y)
  ctx.stroke()
  ctx.setLineDash([])
  ctx.fillStyle = '#8c959f'
  ctx.fillText(label, band.x + 2, y - 2)
}
