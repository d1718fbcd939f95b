import { describe, expect, it } from 'vitest'
import {
  drawRaster, rasterBands, neuronRow, rgba32, EXCITATORY_RGBA, INHIBITORY_RGBA, type RasterDots
} from '../../src-renderer/components/rasters/draw-raster'
import { plotRect, timeAtOffset, timeTicks, PANEL_MARGIN } from '../../src-renderer/components/rasters/raster-geometry'

/** Ne = 4, Ni = 2, 1 ms steps: a 10 x 20 image over 0..10 ms puts step k in column k. */
function raster(spikes: Array<[number, number]>): RasterDots {
  return {
    Ne: 4, Ni: 2, dt_ms: 1,
    steps: Uint32Array.from(spikes.map((s) => s[0])),
    neurons: Uint16Array.from(spikes.map((s) => s[1]))
  }
}

function coloured(px: Uint32Array): number[] {
  const out: number[] = []
  px.forEach((v, i) => {
    if (v !== 0) out.push(i)
  })
  return out
}

describe('raster bands', () => {
  it('gives the excitatory population the top share and leaves a gap', () => {
    const b = rasterBands(20, 2)
    expect(b.excitatory).toEqual({ y: 0, height: 13 })
    expect(b.inhibitory).toEqual({ y: 15, height: 5 })
    expect(neuronRow(0, 4, b.excitatory)).toBe(12)
    expect(neuronRow(3, 4, b.excitatory)).toBe(3)
  })
})

describe('drawRaster', () => {
  const W = 10
  const H = 20

  it('puts each spike at its time column and neuron row, excitatory blue and inhibitory red', () => {
    const px = new Uint32Array(W * H)
    const r = raster([[0, 0], [3, 3], [5, 4], [9, 5]])
    const res = drawRaster(r, W, H, 0, 0.01, px, { dot: 1, gap: 2 })
    expect(res.drawn).toBe(4)
    // exc band rows 0..12 (neuron 0 at the bottom), inh band rows 15..19.
    expect(px[12 * W + 0]).toBe(EXCITATORY_RGBA)
    expect(px[3 * W + 3]).toBe(EXCITATORY_RGBA)
    expect(px[19 * W + 5]).toBe(INHIBITORY_RGBA)
    expect(px[17 * W + 9]).toBe(INHIBITORY_RGBA)
    expect(coloured(px)).toEqual([3 * W + 3, 12 * W + 0, 17 * W + 9, 19 * W + 5])
  })

  it('draws only spikes inside [t0, t1), scaled to the zoomed range', () => {
    const px = new Uint32Array(W * H)
    // Zoom 4..9 ms over 10 px: 2 px per step; steps 3 and 9 are outside.
    const res = drawRaster(raster([[3, 0], [4, 0], [6, 1], [9, 0]]), W, H, 0.004, 0.009, px, { dot: 1, gap: 2 })
    expect(res.drawn).toBe(2)
    expect(coloured(px)).toEqual([9 * W + 4, 12 * W + 0])
  })

  it('grows dots right and up, clipped to the image and the band', () => {
    const px = new Uint32Array(W * H)
    drawRaster(raster([[9, 0], [0, 3]]), W, H, 0, 0.01, px, { dot: 2, gap: 2 })
    // Neuron 0 at column 9: rows 11..12, only column 9 fits.
    expect(px[12 * W + 9]).toBe(EXCITATORY_RGBA)
    expect(px[11 * W + 9]).toBe(EXCITATORY_RGBA)
    // Neuron 3 at row 3: rows 2..3, columns 0..1.
    expect(coloured(px)).toEqual([2 * W, 2 * W + 1, 3 * W, 3 * W + 1, 11 * W + 9, 12 * W + 9])
  })

  it('writes RGBA bytes into an ImageData-style buffer and leaves other pixels alone', () => {
    const bytes = new Uint8ClampedArray(W * H * 4)
    drawRaster(raster([[2, 4]]), W, H, 0, 0.01, bytes, { dot: 1, gap: 2 })
    const i = (19 * W + 2) * 4
    expect([...bytes.subarray(i, i + 4)]).toEqual([255, 0, 0, 255])
    expect(bytes.reduce((a, b) => a + b, 0)).toBe(255 + 255)
    const custom = new Uint8ClampedArray(W * H * 4)
    drawRaster(raster([[2, 1]]), W, H, 0, 0.01, custom, { dot: 1, gap: 2, excitatoryColor: rgba32(10, 20, 30, 40) })
    const j = (neuronRow(1, 4, rasterBands(H, 2).excitatory) * W + 2) * 4
    expect([...custom.subarray(j, j + 4)]).toEqual([10, 20, 30, 40])
  })

  it('rejects a buffer smaller than the image', () => {
    expect(() => drawRaster(raster([]), W, H, 0, 1, new Uint32Array(10))).toThrow(/10 pixels but 10 x 20 = 200/)
  })
})

describe('panel geometry', () => {
  it('maps pointer offsets to times inside the plot and clamps outside it', () => {
    const w = 600
    const plotW = w - PANEL_MARGIN.left - PANEL_MARGIN.right
    expect(timeAtOffset(PANEL_MARGIN.left, w, 0, 5)).toBe(0)
    expect(timeAtOffset(PANEL_MARGIN.left + plotW / 2, w, 0, 5)).toBeCloseTo(2.5, 12)
    expect(timeAtOffset(PANEL_MARGIN.left + plotW / 2, w, 1, 2)).toBeCloseTo(1.5, 12)
    expect(timeAtOffset(0, w, 1, 2)).toBe(1)
    expect(timeAtOffset(w, w, 1, 2)).toBe(2)
    expect(plotRect(600, 190, 2)).toEqual({ x: 104, y: 12, width: 1072, height: 324 })
  })

  it('places time ticks at round values inside the range', () => {
    expect(timeTicks(0, 5, 6).values).toEqual([0, 1, 2, 3, 4, 5])
    expect(timeTicks(1.03, 1.27, 5)).toEqual({ values: [1.05, 1.1, 1.15, 1.2, 1.25], decimals: 2 })
  })
})
