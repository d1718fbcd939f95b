/**
 * Writes a run's spikes as square dots straight into an RGBA pixel buffer: one typed-array store
 * per dot pixel, no canvas path calls, so a raster of 10^5 spikes renders in a few milliseconds.
 * The result is drawn once per zoom range and size; playback then only composites it.
 */
import type { RasterPayload } from '../../../src-shared/ipc/contract'
import { lowerBound } from '../../../src-shared/analysis/termination'

export type RasterDots = Pick<RasterPayload, 'Ne' | 'Ni' | 'dt_ms' | 'steps' | 'neurons'>

/** Rows of the image given to one population; neuron 0 sits at the bottom row, as in the notebook's plots. */
export interface Band {
  y: number
  height: number
}

export interface RasterBands {
  excitatory: Band
  inhibitory: Band
}

export interface DrawRasterOptions {
  /** Side of the square dot in pixels (default 2). */
  dot?: number
  /** Packed RGBA colours from rgba32(); default blue and red. */
  excitatoryColor?: number
  inhibitoryColor?: number
  /** Rows between the two populations (default round(height / 20)). */
  gap?: number
}

export interface DrawRasterResult {
  /** Spikes inside [t0, t1) that were drawn. */
  drawn: number
  bands: RasterBands
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([0x01020304]).buffer)[0] === 0x04

/** Packs r, g, b, a (0..255) into the Uint32 that lands as those bytes in an ImageData buffer. */
export function rgba32(r: number, g: number, b: number, a = 255): number {
  return LITTLE_ENDIAN
    ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0
}

export const EXCITATORY_RGBA = rgba32(0, 0, 255)
export const INHIBITORY_RGBA = rgba32(255, 0, 0)

/** The excitatory population (360 of 450 neurons) gets the larger share, the inhibitory one the rest. */
export function rasterBands(height: number, gap = Math.round(height / 20)): RasterBands {
  const usable = Math.max(2, height - gap)
  const excH = Math.max(1, Math.round(usable * 0.72))
  const inhH = Math.max(1, usable - excH)
  return { excitatory: { y: 0, height: excH }, inhibitory: { y: height - inhH, height: inhH } }
}

/** Image row of neuron `index` (0-based within its population of `count`) in `band`. */
export function neuronRow(index: number, count: number, band: Band): number {
  return band.y + band.height - 1 - Math.floor((index * band.height) / count)
}

/** Image column of time `t` in [t0, t1). */
export function timeColumn(t: number, t0: number, t1: number, width: number): number {
  return Math.floor(((t - t0) / (t1 - t0)) * width)
}

function asPixels(buffer: Uint32Array | Uint8ClampedArray): Uint32Array {
  if (buffer instanceof Uint32Array) return buffer
  return new Uint32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength >> 2)
}

/**
 * Draws the spikes with t in [t0, t1) into `pixels` (width x height, row-major; a Uint32Array of
 * packed colours or an ImageData's Uint8ClampedArray). Pixels without a dot are left untouched.
 * Dots are `dot` pixels square with their top-left at the spike's pixel, clipped to the band.
 */
export function drawRaster(
  raster: RasterDots,
  width: number,
  height: number,
  t0: number,
  t1: number,
  pixels: Uint32Array | Uint8ClampedArray,
  options: DrawRasterOptions = {}
): DrawRasterResult {
  const out = asPixels(pixels)
  if (out.length < width * height) {
    throw new RangeError(`The pixel buffer holds ${out.length} pixels but ${width} x ${height} = ${width * height} are needed.`)
  }
  const bands = rasterBands(height, options.gap)
  if (!(t1 > t0) || width <= 0 || height <= 0) return { drawn: 0, bands }
  const dot = Math.max(1, Math.round(options.dot ?? 2))
  const excColor = options.excitatoryColor ?? EXCITATORY_RGBA
  const inhColor = options.inhibitoryColor ?? INHIBITORY_RGBA
  const { Ne, Ni, steps, neurons } = raster
  const stepS = raster.dt_ms / 1000
  // Steps are sorted, so only the spikes inside [t0, t1) are visited.
  const firstStep = Math.ceil(t0 / stepS - 1e-9)
  let i = lowerBound(steps, Math.max(0, firstStep))
  const pxPerS = width / (t1 - t0)
  const exc = bands.excitatory
  const inh = bands.inhibitory
  let drawn = 0
  for (; i < steps.length; i++) {
    const t = steps[i] * stepS
    if (t >= t1) break
    const x = Math.floor((t - t0) * pxPerS)
    if (x < 0 || x >= width) continue
    const n = neurons[i]
    let band: Band
    let row: number
    let color: number
    if (n < Ne) {
      band = exc
      row = band.y + band.height - 1 - Math.floor((n * band.height) / Ne)
      color = excColor
    } else if (n < Ne + Ni) {
      band = inh
      row = band.y + band.height - 1 - Math.floor(((n - Ne) * band.height) / Ni)
      color = inhColor
    } else {
      continue
    }
    // The dot grows right and up from the spike's pixel, so neuron 0's dot stays inside its band.
    const xEnd = Math.min(width, x + dot)
    const yStart = Math.max(band.y, row - dot + 1)
    for (let y = yStart; y <= row; y++) {
      const base = y * width
      for (let xx = x; xx < xEnd; xx++) out[base + xx] = color
    }
    drawn++
  }
  return { drawn, bands }
}
