import { describe, expect, it } from 'vitest'
import { GifReader } from 'omggif'
import { encodeRasterGif, type RasterGifOptions } from '../../src-main/gif/gif-writer'
import { RasterFrameRenderer, type RasterPanelSpec } from '../../src-shared/gif/raster-frame-renderer'
import { RASTER_PALETTE } from '../../src-shared/gif/palette'
import type { Rect } from '../../src-shared/gif/raster-layout'
import { emptyRaster, syntheticRaster } from '../helpers/synthetic-raster'
import { writeIndexedPng } from '../helpers/png'

const BLUE = [0, 0, 255]
const RED = [255, 0, 0]

/** Decodes every frame, compositing in order (the writer uses "do not dispose" frames). */
function decodeFrames(gif: Uint8Array): { reader: GifReader; frames: Uint8Array[] } {
  const reader = new GifReader(gif)
  const rgba = new Uint8Array(reader.width * reader.height * 4)
  const frames: Uint8Array[] = []
  for (let i = 0; i < reader.numFrames(); i++) {
    reader.decodeAndBlitFrameRGBA(i, rgba)
    frames.push(rgba.slice())
  }
  return { reader, frames }
}

function countColor(rgba: Uint8Array, width: number, color: number[], rect?: Rect, outside = false): number {
  let n = 0
  const height = rgba.length / 4 / width
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4
      if (rgba[p] !== color[0] || rgba[p + 1] !== color[1] || rgba[p + 2] !== color[2]) continue
      const inside = rect === undefined || (x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height)
      if (inside !== outside) n++
    }
  }
  return n
}

/** RGB of the renderer's own frame k, to compare with what the GIF decodes to. */
function expectedRgb(renderer: RasterFrameRenderer, k: number): Uint8Array {
  const idx = renderer.renderFrame(k, renderer.createFrameBuffer())
  const rgb = new Uint8Array(idx.length * 3)
  for (let i = 0; i < idx.length; i++) rgb.set(RASTER_PALETTE[idx[i]], i * 3)
  return rgb
}

function dropAlpha(rgba: Uint8Array): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3)
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]
    rgb[j + 1] = rgba[i + 1]
    rgb[j + 2] = rgba[i + 2]
  }
  return rgb
}

describe('encodeRasterGif', () => {
  const raster = syntheticRaster()
  const panels: RasterPanelSpec[] = [{ raster, title: 'Normal Serotonin' }]

  it('writes a looping 1200x600 GIF of 50 frames at 100 ms that decodes to the rendered frames', async () => {
    const gif = await encodeRasterGif(panels)
    const { reader, frames } = decodeFrames(gif)
    expect(reader.width).toBe(1200)
    expect(reader.height).toBe(600)
    expect(reader.numFrames()).toBe(50)
    expect(reader.loopCount()).toBe(0)
    for (let i = 0; i < 50; i++) expect(reader.frameInfo(i).delay).toBe(10)
    const renderer = new RasterFrameRenderer(panels)
    for (const k of [0, 10, 11, 49]) {
      expect(Buffer.compare(dropAlpha(frames[k]), expectedRgb(renderer, k))).toBe(0)
    }
    if (process.env.GIF_TEST_PNG) {
      writeIndexedPng(process.env.GIF_TEST_PNG, renderer.renderFrame(49, renderer.createFrameBuffer()), 1200, 600, RASTER_PALETTE)
    }
  })

  it('shows the bump near neuron 100, red only in the lower panel, and the stimulus bar only after t_on', async () => {
    const gif = await encodeRasterGif(panels)
    const { reader, frames } = decodeFrames(gif)
    const layout = new RasterFrameRenderer(panels).layout.runs[0]
    const exc = layout.excitatory
    const last = frames[frames.length - 1]
    const width = reader.width

    // Blue pixels right of the stimulus: map each pixel row back to a neuron index.
    const xFrom = Math.ceil(exc.x + (1.3 / 5) * exc.width)
    let inBump = 0
    let elsewhere = 0
    const dense: number[] = []
    for (let y = exc.y; y < exc.y + exc.height; y++) {
      const neuron = ((exc.y + exc.height - y) / exc.height) * 360
      const rowBlue = countColor(last, width, BLUE, { x: xFrom, y, width: exc.x + exc.width - xFrom, height: 1 })
      if (neuron >= 80 && neuron < 120) inBump += rowBlue
      if (neuron >= 200 && neuron < 240) elsewhere += rowBlue
      if (rowBlue > 0.5 * (exc.x + exc.width - xFrom)) dense.push(neuron)
    }
    expect(dense.length).toBeGreaterThan(3)
    expect(Math.min(...dense)).toBeGreaterThan(80)
    expect(Math.max(...dense)).toBeLessThan(120)
    expect(inBump).toBeGreaterThan(3 * elsewhere)

    expect(countColor(last, width, RED, layout.inhibitory)).toBeGreaterThan(100)
    expect(countColor(last, width, RED, layout.inhibitory, true)).toBe(0)

    const bar: Rect = { x: 0, y: layout.stimulusBarY, width, height: layout.stimulusBarHeight }
    expect(countColor(frames[0], width, BLUE, bar)).toBe(0)
    const barPixels = countColor(last, width, BLUE, bar)
    expect(barPixels / layout.stimulusBarHeight).toBeCloseTo((0.25 / 5) * exc.width, -1)
  })

  it('gives the same picture with full frames, and full frames are larger', async () => {
    const opts: RasterGifOptions = { width: 600, height: 300, frames: 20 }
    const diffGif = await encodeRasterGif(panels, opts)
    const fullGif = await encodeRasterGif(panels, { ...opts, differenceFrames: false })
    const a = decodeFrames(diffGif)
    const b = decodeFrames(fullGif)
    expect(a.reader.width).toBe(600)
    expect(a.reader.height).toBe(300)
    expect(a.reader.numFrames()).toBe(20)
    expect(b.reader.numFrames()).toBe(20)
    for (let k = 0; k < 20; k++) expect(Buffer.compare(a.frames[k], b.frames[k])).toBe(0)
    expect(fullGif.length).toBeGreaterThan(diffGif.length)
  })

  it('applies the frame delay and handles an empty raster', async () => {
    const gif = await encodeRasterGif([{ raster: emptyRaster(), title: 'Empty' }], { frames: 5, frameDelayMs: 40 })
    const { reader, frames } = decodeFrames(gif)
    expect(reader.numFrames()).toBe(5)
    expect(reader.frameInfo(3).delay).toBe(4)
    expect(countColor(frames[4], reader.width, RED)).toBe(0)
    await expect(encodeRasterGif(panels, { frameDelayMs: 5 })).rejects.toThrow(/frame delay/)
  })

  it('reports progress per frame and stops with an AbortError when cancelled', async () => {
    const seen: Array<[number, number]> = []
    await encodeRasterGif(panels, { frames: 8, width: 600, height: 300 }, { onProgress: (d, t) => seen.push([d, t]) })
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => [i + 1, 8]))

    const controller = new AbortController()
    let calls = 0
    const cancelled = encodeRasterGif(panels, {}, {
      signal: controller.signal,
      onProgress: (done) => {
        calls = done
        // Cancel from outside the encoder, as the UI would.
        if (done === 3) setTimeout(() => controller.abort(), 0)
      }
    })
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' })
    expect(calls).toBeLessThan(50)

    const pre = new AbortController()
    pre.abort()
    await expect(encodeRasterGif(panels, {}, { signal: pre.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('stacks several runs in one GIF', async () => {
    const b = syntheticRaster({ seed: 3, bump: { lo: 240, hi: 260, hz: 40, startS: 1 } })
    const gif = await encodeRasterGif(
      [
        { raster, title: 'Normal' },
        { raster: b, title: 'Increased', terminationTimeS: 2.5 }
      ],
      { frames: 10 }
    )
    const reader = new GifReader(gif)
    expect(reader.width).toBe(1200)
    expect(reader.height).toBe(1200)
    expect(reader.numFrames()).toBe(10)
  })
})
