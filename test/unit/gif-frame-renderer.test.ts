import { describe, expect, it } from 'vitest'
import { RasterFrameRenderer, type RasterPanelSpec } from '../../src-shared/gif/raster-frame-renderer'
import { computeRasterLayout, type Rect } from '../../src-shared/gif/raster-layout'
import { PaletteIndex } from '../../src-shared/gif/palette'
import { niceTicks } from '../../src-shared/gif/axis-ticks'
import { drawText, textWidth } from '../../src-shared/gif/bitmap-font'
import type { SpikeRaster } from '../../src-shared/engine/types'
import { emptyRaster, syntheticRaster } from '../helpers/synthetic-raster'

function raster(spikes: Array<[number, number]>, Ne = 360, Ni = 90): SpikeRaster {
  return {
    Ne,
    Ni,
    dt_ms: 0.1,
    nSteps: 50000,
    steps: Uint32Array.from(spikes, (s) => s[0]),
    neurons: Uint16Array.from(spikes, (s) => s[1])
  }
}

/** Pixels of `index` inside (or, with outside=true, outside) a rectangle. */
function countIndex(frame: Uint8Array, width: number, index: number, rect?: Rect, outside = false): number {
  let n = 0
  const height = frame.length / width
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (frame[y * width + x] !== index) continue
      const inside = rect === undefined || (x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height)
      if (inside !== outside) n++
    }
  }
  return n
}

function stimulusBarPixels(renderer: RasterFrameRenderer, frame: Uint8Array, run = 0): number {
  const lay = renderer.layout.runs[run]
  const band: Rect = { x: 0, y: lay.stimulusBarY, width: renderer.width, height: lay.stimulusBarHeight }
  return countIndex(frame, renderer.width, PaletteIndex.STIMULUS, band)
}

describe('raster layout', () => {
  it.each([
    [1200, 600],
    [600, 300],
    [1600, 900]
  ])('places two non-overlapping panels inside a %ix%i image', (w, h) => {
    const L = computeRasterLayout(w, h)
    expect(L.runs).toHaveLength(1)
    const { excitatory: exc, inhibitory: inh, stimulusBarY, xTitleY, titleY } = L.runs[0]
    for (const r of [exc, inh]) {
      expect(r.x).toBeGreaterThan(0)
      expect(r.x + r.width).toBeLessThan(w)
      expect(r.height).toBeGreaterThan(h / 5)
    }
    expect(titleY).toBeLessThan(exc.y)
    expect(exc.y + exc.height).toBeLessThan(inh.y)
    expect(inh.y + inh.height).toBeLessThan(stimulusBarY)
    expect(xTitleY + 8 * L.fontScale).toBeLessThanOrEqual(h)
    expect(exc.x).toBe(inh.x)
    expect(exc.width).toBe(inh.width)
  })

  it('scales fonts and dots with the image size', () => {
    const small = computeRasterLayout(600, 300)
    const big = computeRasterLayout(1200, 600)
    expect(small.fontScale).toBe(1)
    expect(big.fontScale).toBe(2)
    expect(big.dotRadius).toBeGreaterThan(small.dotRadius)
    // Reference look: panels span x = 80..1120 at 1200x600.
    expect(big.runs[0].excitatory.x).toBe(80)
    expect(big.runs[0].excitatory.x + big.runs[0].excitatory.width).toBe(1120)
  })

  it('stacks several runs in equal blocks', () => {
    const L = computeRasterLayout(1200, 1800, 3)
    expect(L.runs).toHaveLength(3)
    for (let r = 1; r < 3; r++) {
      expect(L.runs[r].titleY - L.runs[r - 1].titleY).toBe(600)
      expect(L.runs[r].excitatory.y).toBeGreaterThan(L.runs[r - 1].xTitleY)
    }
  })

  it('refuses sizes too small to hold the panels, naming the size', () => {
    expect(() => computeRasterLayout(60, 40)).toThrow(/60x40/)
    expect(() => computeRasterLayout(1200.5, 600)).toThrow(RangeError)
  })
})

describe('axis ticks', () => {
  it('matches the notebook axes', () => {
    expect(niceTicks(360).labels).toEqual(['0', '100', '200', '300'])
    expect(niceTicks(90).labels).toEqual(['0', '20', '40', '60', '80'])
    expect(niceTicks(5).labels).toEqual(['0', '1', '2', '3', '4', '5'])
    expect(niceTicks(2).labels).toEqual(['0', '0.5', '1', '1.5', '2'])
  })
})

describe('bitmap font', () => {
  it('draws glyph pixels within the text box and skips what falls off the canvas', () => {
    const canvas = { data: new Uint8Array(100 * 20), width: 100, height: 20 }
    drawText(canvas, 2, 2, 'Time 5', 7, 2)
    const lit = countIndex(canvas.data, 100, 7)
    expect(lit).toBeGreaterThan(50)
    expect(countIndex(canvas.data, 100, 7, { x: 2, y: 2, width: textWidth('Time 5', 2), height: 16 })).toBe(lit)
    expect(() => drawText(canvas, 90, 15, 'clipped \u00e9', 7, 3)).not.toThrow()
  })
})

describe('RasterFrameRenderer', () => {
  const bumpRaster = syntheticRaster()
  const single: RasterPanelSpec[] = [{ raster: bumpRaster, title: 'Normal Serotonin' }]

  it('shows the bump around neuron 100 after the stimulus in the last frame', () => {
    const r = new RasterFrameRenderer(single)
    const frame = r.createFrameBuffer()
    for (let k = 0; k < r.frames; k++) r.renderFrame(k, frame)
    const exc = r.layout.runs[0].excitatory
    const pxPerS = exc.width / r.durationS
    // Right of the stimulus, map each pixel row back to a neuron index and measure how much of it is blue.
    const xFrom = Math.ceil(exc.x + 1.3 * pxPerS)
    const xTo = exc.x + exc.width
    const lit = new Float64Array(360)
    const rows = new Float64Array(360)
    for (let y = exc.y; y < exc.y + exc.height; y++) {
      const neuron = Math.min(359, Math.floor(((exc.y + exc.height - y) / exc.height) * 360))
      rows[neuron] += xTo - xFrom
      for (let x = xFrom; x < xTo; x++) if (frame[y * r.width + x] === PaletteIndex.EXCITATORY) lit[neuron]++
    }
    const coverage = (lo: number, hi: number) => {
      let l = 0
      let n = 0
      for (let i = lo; i <= hi; i++) {
        l += lit[i]
        n += rows[i]
      }
      return l / n
    }
    expect(coverage(92, 108)).toBeGreaterThan(0.5)
    expect(coverage(0, 80)).toBeLessThan(0.3)
    expect(coverage(120, 359)).toBeLessThan(0.3)
    let weighted = 0
    let weight = 0
    for (let n = 0; n < 360; n++) {
      if (rows[n] > 0 && lit[n] / rows[n] > 0.5) {
        weighted += n * rows[n]
        weight += rows[n]
      }
    }
    expect(weighted / weight).toBeGreaterThan(97)
    expect(weighted / weight).toBeLessThan(103)
    // Before the stimulus there is no bump: blue is spread out.
    const beforeBand = countIndex(frame, r.width, PaletteIndex.EXCITATORY, {
      x: exc.x + 2,
      y: Math.round(exc.y + exc.height - (108 / 360) * exc.height),
      width: Math.floor(0.9 * pxPerS),
      height: Math.round((16 / 360) * exc.height)
    })
    const afterBand = countIndex(frame, r.width, PaletteIndex.EXCITATORY, {
      x: Math.round(exc.x + 2 * pxPerS),
      y: Math.round(exc.y + exc.height - (108 / 360) * exc.height),
      width: Math.floor(0.9 * pxPerS),
      height: Math.round((16 / 360) * exc.height)
    })
    expect(afterBand).toBeGreaterThan(2.5 * beforeBand)
  })

  it('keeps excitatory dots in the top panel and inhibitory dots in the bottom panel', () => {
    const r = new RasterFrameRenderer(single)
    const frame = r.renderFrame(r.frames - 1, r.createFrameBuffer())
    const { excitatory, inhibitory } = r.layout.runs[0]
    expect(countIndex(frame, r.width, PaletteIndex.INHIBITORY, inhibitory)).toBeGreaterThan(100)
    expect(countIndex(frame, r.width, PaletteIndex.INHIBITORY, inhibitory, true)).toBe(0)
    expect(countIndex(frame, r.width, PaletteIndex.EXCITATORY, excitatory)).toBeGreaterThan(100)
    expect(countIndex(frame, r.width, PaletteIndex.EXCITATORY, excitatory, true)).toBe(0)
  })

  it('maps neuron Ne + j to row j of the inhibitory panel, y pointing up', () => {
    const r = new RasterFrameRenderer([{ raster: raster([[20000, 360 + 80]]), title: '' }])
    const frame = r.renderFrame(r.frames - 1, r.createFrameBuffer())
    const inh = r.layout.runs[0].inhibitory
    let sumY = 0
    let n = 0
    for (let i = 0; i < frame.length; i++) {
      if (frame[i] === PaletteIndex.INHIBITORY) {
        sumY += Math.floor(i / r.width)
        n++
      }
    }
    expect(n).toBeGreaterThan(0)
    const neuron = ((inh.y + inh.height - sumY / n) / inh.height) * 90
    expect(neuron).toBeCloseTo(80, 0)
  })

  it('adds 100 ms per frame: a spike at step s first shows in frame floor(s / 1000)', () => {
    const r = new RasterFrameRenderer([{ raster: raster([[5999, 200], [6000, 300]]), title: '' }])
    const buf = r.createFrameBuffer()
    expect(countIndex(r.renderFrame(4, buf), r.width, PaletteIndex.EXCITATORY)).toBe(0)
    const inFrame5 = countIndex(r.renderFrame(5, buf), r.width, PaletteIndex.EXCITATORY)
    const inFrame6 = countIndex(r.renderFrame(6, buf), r.width, PaletteIndex.EXCITATORY)
    expect(inFrame5).toBeGreaterThan(0)
    expect(inFrame6).toBe(2 * inFrame5)
  })

  it('draws the same pixels incrementally, skipping ahead, and going back', () => {
    const inOrder = new RasterFrameRenderer(single)
    const buf = inOrder.createFrameBuffer()
    const snapshots = new Map<number, Uint8Array>()
    for (let k = 0; k < inOrder.frames; k++) {
      inOrder.renderFrame(k, buf)
      if (k === 10 || k === 30 || k === 49) snapshots.set(k, buf.slice())
    }
    const jumper = new RasterFrameRenderer(single)
    const other = jumper.createFrameBuffer()
    for (const k of [49, 10, 30]) {
      jumper.renderFrame(k, other)
      expect(Buffer.compare(other, snapshots.get(k)!)).toBe(0)
    }
  })

  it('grows the stimulus bar from t_on to min(t, t_off), absent before t_on', () => {
    const r = new RasterFrameRenderer(single)
    const buf = r.createFrameBuffer()
    expect(stimulusBarPixels(r, r.renderFrame(0, buf))).toBe(0)
    expect(stimulusBarPixels(r, r.renderFrame(9, buf))).toBe(0) // t = 1.0 s
    const at11 = stimulusBarPixels(r, r.renderFrame(10, buf)) // t = 1.1 s
    const at12 = stimulusBarPixels(r, r.renderFrame(11, buf))
    const last = stimulusBarPixels(r, r.renderFrame(49, buf))
    expect(at11).toBeGreaterThan(0)
    expect(at12).toBeGreaterThan(at11)
    const inh = r.layout.runs[0].inhibitory
    const fullWidth = Math.round((0.25 / r.durationS) * inh.width)
    expect(last / r.layout.runs[0].stimulusBarHeight).toBeCloseTo(fullWidth, -1)
  })

  it('in sliding mode shows only the last window', () => {
    const r = new RasterFrameRenderer([{ raster: raster([[5500, 200]]), title: '' }], { mode: 'sliding' })
    const buf = r.createFrameBuffer()
    expect(countIndex(r.renderFrame(5, buf), r.width, PaletteIndex.EXCITATORY)).toBeGreaterThan(0)
    expect(countIndex(r.renderFrame(6, buf), r.width, PaletteIndex.EXCITATORY)).toBe(0)
    const wide = new RasterFrameRenderer([{ raster: raster([[5500, 200]]), title: '' }], { mode: 'sliding', windowSteps: 5000 })
    expect(countIndex(wide.renderFrame(9, buf), wide.width, PaletteIndex.EXCITATORY)).toBeGreaterThan(0)
    expect(countIndex(wide.renderFrame(10, buf), wide.width, PaletteIndex.EXCITATORY)).toBe(0)
  })

  it('draws the termination marker once the animation reaches it', () => {
    const r = new RasterFrameRenderer([{ raster: emptyRaster(), title: 'Decreased', terminationTimeS: 3.2 }])
    const buf = r.createFrameBuffer()
    expect(countIndex(r.renderFrame(30, buf), r.width, PaletteIndex.MARKER)).toBe(0) // t = 3.1 s
    r.renderFrame(31, buf) // t = 3.2 s
    const exc = r.layout.runs[0].excitatory
    const x = Math.round(exc.x + (3.2 / 5) * exc.width)
    const column: Rect = { x: x - 2, y: 0, width: 5, height: r.height }
    const marker = countIndex(buf, r.width, PaletteIndex.MARKER)
    expect(marker).toBeGreaterThan(exc.height / 2)
    expect(countIndex(buf, r.width, PaletteIndex.MARKER, column)).toBe(marker)
  })

  it('renders every frame of an empty raster, at a non-default size too', () => {
    for (const [width, height] of [
      [1200, 600],
      [600, 300]
    ]) {
      const r = new RasterFrameRenderer([{ raster: emptyRaster(), title: 'Empty' }], { width, height })
      const buf = r.createFrameBuffer()
      expect(buf.length).toBe(width * height)
      for (let k = 0; k < r.frames; k++) expect(() => r.renderFrame(k, buf)).not.toThrow()
      expect(countIndex(buf, width, PaletteIndex.EXCITATORY) + countIndex(buf, width, PaletteIndex.INHIBITORY)).toBe(0)
      expect(countIndex(buf, width, PaletteIndex.PLOT_BACKGROUND)).toBeGreaterThan(0)
      expect(countIndex(buf, width, PaletteIndex.TEXT)).toBeGreaterThan(0)
    }
  })

  it('stacks several runs, each with its own panels', () => {
    const a = syntheticRaster({ seed: 1, bump: { lo: 90, hi: 110, hz: 40, startS: 1 } })
    const b = syntheticRaster({ seed: 2, bump: { lo: 240, hi: 260, hz: 40, startS: 1 } })
    const r = new RasterFrameRenderer([
      { raster: a, title: 'Normal' },
      { raster: b, title: 'Increased' }
    ])
    expect(r.height).toBe(1200)
    const frame = r.renderFrame(49, r.createFrameBuffer())
    const bandOf = (run: number, lo: number, hi: number): Rect => {
      const exc = r.layout.runs[run].excitatory
      const top = Math.round(exc.y + exc.height - (hi / 360) * exc.height)
      return { x: Math.round(exc.x + 0.3 * exc.width), y: top, width: Math.round(0.6 * exc.width), height: Math.round(((hi - lo) / 360) * exc.height) }
    }
    const blue = PaletteIndex.EXCITATORY
    expect(countIndex(frame, r.width, blue, bandOf(0, 85, 115))).toBeGreaterThan(3 * countIndex(frame, r.width, blue, bandOf(0, 235, 265)))
    expect(countIndex(frame, r.width, blue, bandOf(1, 235, 265))).toBeGreaterThan(3 * countIndex(frame, r.width, blue, bandOf(1, 85, 115)))
    expect(stimulusBarPixels(r, frame, 0)).toBeGreaterThan(0)
    expect(stimulusBarPixels(r, frame, 1)).toBe(stimulusBarPixels(r, frame, 0))
  })

  it('explains bad input', () => {
    expect(() => new RasterFrameRenderer([])).toThrow(/at least one run/)
    expect(() => new RasterFrameRenderer([{ raster: raster([[10, 1], [5, 2]]), title: '' }])).toThrow(/sorted by step/)
    expect(() => new RasterFrameRenderer([{ raster: raster([[10, 450]]), title: '' }])).toThrow(/neuron 450/)
    expect(() => new RasterFrameRenderer(single, { frames: 0 })).toThrow(/frames/)
    const r = new RasterFrameRenderer(single)
    expect(() => r.renderFrame(50, r.createFrameBuffer())).toThrow(/0 to 49/)
    expect(() => r.renderFrame(0, new Uint8Array(10))).toThrow(/1200x600/)
  })
})
