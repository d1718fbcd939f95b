/**
 * Draws the frames of the raster GIF (the notebook's "Generate GIF" cells) into
 * palette-index buffers: one byte per pixel, indices into RASTER_PALETTE.
 *
 * The static parts (axes, grid, ticks, labels, titles) are drawn once; each frame then
 * adds spikes, the growing stimulus bar and the termination marker. Nothing is
 * allocated per frame or per spike.
 */
import type { SpikeRaster } from '../engine/types'
import { drawText, drawTextUp, textWidth, type IndexedCanvas } from './bitmap-font'
import { fillRect, dashedVLine } from './indexed-canvas'
import { PaletteIndex } from './palette'
import { computeRasterLayout, defaultRasterSize, type RasterLayout, type Rect } from './raster-layout'
import { niceTicks, type AxisTicks } from './axis-ticks'

/** One run in the image: its raster, its title and optionally when its bump died. */
export interface RasterPanelSpec {
  raster: SpikeRaster
  title: string
  /** Draws a dashed vertical line at this time (s) once the animation reaches it. */
  terminationTimeS?: number | null
}

export type RasterFrameMode = 'accumulate' | 'sliding'

export interface RasterFrameOptions {
  /** Default 1200. */
  width?: number
  /** Default width/2 per run. */
  height?: number
  /** Default 50 (100 ms per frame over 5 s, like the notebook). */
  frames?: number
  /** 'accumulate' (default) keeps every spike so far; 'sliding' shows only the last `windowSteps`. */
  mode?: RasterFrameMode
  /** Sliding window length in steps; default one frame's worth of the first raster. */
  windowSteps?: number
  /** Time axis length in seconds; default nSteps * dt of the first raster. */
  durationS?: number
  /** Stimulus window in seconds (default 1.0 .. 1.25). */
  stimulusOnS?: number
  stimulusOffS?: number
  /** Axis and panel labels (defaults are the notebook's). */
  labels?: Partial<RasterLabels>
}

export interface RasterLabels {
  excitatory: string
  inhibitory: string
  time: string
  neuron: string
}

const DEFAULT_LABELS: RasterLabels = {
  excitatory: 'Excitatory neurons spikes',
  inhibitory: 'Inhibitory neurons spikes',
  time: 'Time (in s)',
  neuron: 'Neuron'
}

/** Per-run state precomputed in the constructor. */
interface RunState {
  raster: SpikeRaster
  terminationTimeS: number | null
  /** Spikes [0, frameEnd[k]) belong to frames up to k. */
  frameEnd: Uint32Array
  /** Sliding mode: first spike inside frame k's window. */
  frameStart: Uint32Array
  /** Spikes already drawn on the accumulation canvas. */
  drawn: number
  pxPerStep: number
}

export class RasterFrameRenderer {
  readonly width: number
  readonly height: number
  readonly frames: number
  readonly mode: RasterFrameMode
  readonly durationS: number
  readonly stimulusOnS: number
  readonly stimulusOffS: number
  readonly layout: RasterLayout

  private readonly runs: RunState[]
  private readonly background: Uint8Array
  /** Accumulate mode keeps the frame drawn so far here, so in-order frames only add new spikes. */
  private readonly canvas: Uint8Array | null
  private lastFrame = -1
  /** Linear pixel offsets of a dot for the unclipped fast path, and their dx, dy for the clipped path. */
  private readonly dotOffsets: Int32Array
  private readonly dotDx: Int8Array
  private readonly dotDy: Int8Array
  private readonly dotReach: number
  /** Reused view for the overlay primitives, pointed at whichever buffer is being drawn. */
  private readonly overlayCanvas: IndexedCanvas

  constructor(panels: readonly RasterPanelSpec[], options: RasterFrameOptions = {}) {
    if (panels.length === 0) throw new RangeError('A raster GIF needs at least one run to draw.')
    panels.forEach((p, i) => validateRaster(p.raster, i))
    const first = panels[0].raster
    const size = defaultRasterSize(panels.length, options.width, options.height)
    this.width = size.width
    this.height = size.height
    this.frames = options.frames ?? 50
    if (!Number.isInteger(this.frames) || this.frames < 1 || this.frames > 10000) {
      throw new RangeError(`GIF frames must be a whole number from 1 to 10000, got ${options.frames}.`)
    }
    this.mode = options.mode ?? 'accumulate'
    if (this.mode !== 'accumulate' && this.mode !== 'sliding') {
      throw new RangeError(`GIF mode must be 'accumulate' or 'sliding', got '${String(this.mode)}'.`)
    }
    this.durationS = options.durationS ?? (first.nSteps * first.dt_ms) / 1000
    if (!(this.durationS > 0)) throw new RangeError(`GIF duration must be positive seconds, got ${this.durationS}.`)
    this.stimulusOnS = options.stimulusOnS ?? 1.0
    this.stimulusOffS = options.stimulusOffS ?? 1.25
    if (!(this.stimulusOffS >= this.stimulusOnS)) {
      throw new RangeError(`Stimulus end (${this.stimulusOffS} s) must not precede its start (${this.stimulusOnS} s).`)
    }
    const labels = { ...DEFAULT_LABELS, ...options.labels }

    const maxNe = Math.max(...panels.map((p) => p.raster.Ne))
    const maxNi = Math.max(...panels.map((p) => p.raster.Ni))
    const excTicks = niceTicks(maxNe)
    const inhTicks = niceTicks(maxNi)
    const xTicks = niceTicks(this.durationS)
    const yTickChars = Math.max(...excTicks.labels.map((s) => s.length), ...inhTicks.labels.map((s) => s.length))
    this.layout = computeRasterLayout(this.width, this.height, panels.length, yTickChars)

    const windowSteps = options.windowSteps ?? Math.max(1, Math.round(first.nSteps / this.frames))
    if (!(windowSteps > 0)) throw new RangeError(`GIF sliding window must be a positive number of steps, got ${windowSteps}.`)
    this.runs = panels.map((p, r) => {
      const panel = this.layout.runs[r].excitatory
      const stepsForDuration = Math.round((this.durationS * 1000) / p.raster.dt_ms)
      const { frameEnd, frameStart } = frameBoundaries(p.raster, this.frames, stepsForDuration, windowSteps)
      return {
        raster: p.raster,
        terminationTimeS: p.terminationTimeS ?? null,
        frameEnd,
        frameStart,
        drawn: 0,
        pxPerStep: panel.width / stepsForDuration
      }
    })

    const stamp = dotStamp(this.layout.dotRadius, this.width)
    this.dotOffsets = stamp.offsets
    this.dotDx = stamp.dx
    this.dotDy = stamp.dy
    this.dotReach = stamp.reach

    this.background = new Uint8Array(this.width * this.height)
    this.overlayCanvas = { data: this.background, width: this.width, height: this.height }
    this.drawBackground(panels, labels, excTicks, inhTicks, xTicks)
    this.canvas = this.mode === 'accumulate' ? new Uint8Array(this.background) : null
  }

  /** A buffer of the right size for renderFrame. */
  createFrameBuffer(): Uint8Array {
    return new Uint8Array(this.width * this.height)
  }

  /** The time (s) frame k has reached: spikes before it are shown. */
  frameTimeS(k: number): number {
    return ((k + 1) * this.durationS) / this.frames
  }

  /** The static background (axes, labels, titles); do not modify. */
  backgroundIndices(): Uint8Array {
    return this.background
  }

  /** Draws frame k (0-based) into `out` (width*height palette indices) and returns it. */
  renderFrame(k: number, out: Uint8Array): Uint8Array {
    if (!Number.isInteger(k) || k < 0 || k >= this.frames) {
      throw new RangeError(`GIF frame index must be a whole number from 0 to ${this.frames - 1}, got ${k}.`)
    }
    if (out.length !== this.width * this.height) {
      throw new RangeError(`Frame buffer holds ${out.length} pixels, expected ${this.width}x${this.height} = ${this.width * this.height}.`)
    }
    const target = this.canvas ?? out
    if (this.canvas === null) {
      out.set(this.background)
    } else if (k < this.lastFrame) {
      // Going back in time: spikes cannot be erased, so start over from the background.
      this.canvas.set(this.background)
      for (const run of this.runs) run.drawn = 0
    }
    const t = this.frameTimeS(k)
    for (let r = 0; r < this.runs.length; r++) {
      const run = this.runs[r]
      const end = run.frameEnd[k]
      const start = this.canvas === null ? run.frameStart[k] : run.drawn
      this.drawSpikes(target, r, start, end)
      run.drawn = end
      this.drawOverlays(target, r, t)
    }
    this.lastFrame = k
    if (this.canvas !== null) out.set(this.canvas)
    return out
  }

  private drawSpikes(target: Uint8Array, r: number, start: number, end: number): void {
    const run = this.runs[r]
    const { steps, neurons, Ne, Ni } = run.raster
    const lay = this.layout.runs[r]
    const exc = lay.excitatory
    const inh = lay.inhibitory
    const excBottom = exc.y + exc.height
    const inhBottom = inh.y + inh.height
    const excPx = exc.height / Math.max(1, Ne)
    const inhPx = inh.height / Math.max(1, Ni)
    const x0 = exc.x
    const pxPerStep = run.pxPerStep
    for (let i = start; i < end; i++) {
      const n = neurons[i]
      const cx = Math.floor(x0 + steps[i] * pxPerStep)
      if (n < Ne) {
        this.stampDot(target, cx, Math.floor(excBottom - n * excPx), exc, PaletteIndex.EXCITATORY)
      } else {
        this.stampDot(target, cx, Math.floor(inhBottom - (n - Ne) * inhPx), inh, PaletteIndex.INHIBITORY)
      }
    }
  }

  private stampDot(target: Uint8Array, cx: number, cy: number, clip: Rect, color: number): void {
    const reach = this.dotReach
    const offsets = this.dotOffsets
    if (cx - reach >= clip.x && cx + reach < clip.x + clip.width && cy - reach >= clip.y && cy + reach < clip.y + clip.height) {
      const base = cy * this.width + cx
      for (let j = 0; j < offsets.length; j++) target[base + offsets[j]] = color
      return
    }
    // Dots at the panel edge are cut off, like plotly's clip-on-axis markers.
    const xMax = clip.x + clip.width
    const yMax = clip.y + clip.height
    for (let j = 0; j < offsets.length; j++) {
      const x = cx + this.dotDx[j]
      const y = cy + this.dotDy[j]
      if (x >= clip.x && x < xMax && y >= clip.y && y < yMax) target[y * this.width + x] = color
    }
  }

  /** The stimulus bar grows from t_on to min(t, t_off); the termination marker appears once t reaches it. */
  private drawOverlays(target: Uint8Array, r: number, t: number): void {
    const lay = this.layout.runs[r]
    const inh = lay.inhibitory
    const exc = lay.excitatory
    const canvas = this.overlayCanvas
    canvas.data = target
    const pxPerS = inh.width / this.durationS
    if (t > this.stimulusOnS && this.stimulusOffS > this.stimulusOnS) {
      const x0 = Math.round(inh.x + this.stimulusOnS * pxPerS)
      const x1 = Math.max(x0 + 1, Math.round(inh.x + Math.min(t, this.stimulusOffS) * pxPerS))
      fillRect(canvas, x0, lay.stimulusBarY, x1, lay.stimulusBarY + lay.stimulusBarHeight, PaletteIndex.STIMULUS)
    }
    const term = this.runs[r].terminationTimeS
    if (term !== null && Number.isFinite(term) && t >= term && term <= this.durationS) {
      const u = this.layout.unit
      const dash = Math.max(3, Math.round(8 * u))
      const gap = Math.max(2, Math.round(5 * u))
      const x = inh.x + term * pxPerS
      dashedVLine(canvas, x, exc.y, exc.y + exc.height, this.layout.markerWidth, dash, gap, PaletteIndex.MARKER)
      dashedVLine(canvas, x, inh.y, inh.y + inh.height, this.layout.markerWidth, dash, gap, PaletteIndex.MARKER)
    }
  }

  private drawBackground(
    panels: readonly RasterPanelSpec[],
    labels: RasterLabels,
    excTicks: AxisTicks,
    inhTicks: AxisTicks,
    xTicks: AxisTicks
  ): void {
    const canvas: IndexedCanvas = { data: this.background, width: this.width, height: this.height }
    const L = this.layout
    const s = L.fontScale
    const gw = L.gridWidth
    this.background.fill(PaletteIndex.BACKGROUND)
    panels.forEach((p, r) => {
      const lay = L.runs[r]
      drawText(canvas, lay.titleX, lay.titleY, p.title, PaletteIndex.TEXT, L.titleScale)
      const panelDefs: Array<[Rect, AxisTicks, number, string, number]> = [
        [lay.excitatory, excTicks, p.raster.Ne, labels.excitatory, lay.excitatorySubtitleY],
        [lay.inhibitory, inhTicks, p.raster.Ni, labels.inhibitory, lay.inhibitorySubtitleY]
      ]
      for (const [rect, ticks, range, subtitle, subtitleY] of panelDefs) {
        const bottom = rect.y + rect.height
        fillRect(canvas, rect.x, rect.y, rect.x + rect.width, bottom, PaletteIndex.PLOT_BACKGROUND)
        const yRange = Math.max(1, range)
        ticks.values.forEach((v, i) => {
          if (v > yRange) return
          const y = Math.round(bottom - (v / yRange) * rect.height)
          // The zero line coincides with the panel edge; plotly draws no grid line there.
          if (v > 0) fillRect(canvas, rect.x, y - (gw >> 1), rect.x + rect.width, y - (gw >> 1) + gw, PaletteIndex.GRID)
          const label = ticks.labels[i]
          const ly = Math.min(bottom - 1, Math.max(rect.y, y)) - Math.floor((7 * s) / 2)
          drawText(canvas, rect.x - L.tickLabelGap - textWidth(label, s), ly, label, PaletteIndex.TEXT, s)
        })
        for (const v of xTicks.values) {
          if (v <= 0 || v >= this.durationS) continue
          const x = Math.round(rect.x + (v / this.durationS) * rect.width)
          fillRect(canvas, x - (gw >> 1), rect.y, x - (gw >> 1) + gw, bottom, PaletteIndex.GRID)
        }
        drawText(canvas, Math.round(rect.x + (rect.width - textWidth(subtitle, s)) / 2), subtitleY, subtitle, PaletteIndex.TEXT, s)
        const titleLen = textWidth(labels.neuron, s)
        drawTextUp(canvas, lay.yTitleX, Math.round(rect.y + (rect.height + titleLen) / 2), labels.neuron, PaletteIndex.TEXT, s)
      }
      const inh = lay.inhibitory
      xTicks.values.forEach((v, i) => {
        const label = xTicks.labels[i]
        const x = Math.round(inh.x + (v / this.durationS) * inh.width - textWidth(label, s) / 2)
        drawText(canvas, x, lay.xTickLabelY, label, PaletteIndex.TEXT, s)
      })
      const tw = textWidth(labels.time, s)
      drawText(canvas, Math.round(inh.x + (inh.width - tw) / 2), lay.xTitleY, labels.time, PaletteIndex.TEXT, s)
    })
  }
}

function validateRaster(raster: SpikeRaster, index: number): void {
  const where = `raster of run ${index + 1}`
  if (raster.steps.length !== raster.neurons.length) {
    throw new RangeError(`${where}: ${raster.steps.length} spike steps but ${raster.neurons.length} spike neurons; they must match.`)
  }
  if (!(raster.dt_ms > 0)) throw new RangeError(`${where}: dt_ms must be positive, got ${raster.dt_ms}.`)
  if (!(raster.Ne >= 0) || !(raster.Ni >= 0)) throw new RangeError(`${where}: Ne and Ni must be >= 0, got ${raster.Ne}, ${raster.Ni}.`)
  const total = raster.Ne + raster.Ni
  for (let i = 0; i < raster.steps.length; i++) {
    if (i > 0 && raster.steps[i] < raster.steps[i - 1]) {
      throw new RangeError(`${where}: spikes must be sorted by step, but spike ${i} (step ${raster.steps[i]}) comes after step ${raster.steps[i - 1]}.`)
    }
    if (raster.neurons[i] >= total) {
      throw new RangeError(`${where}: spike ${i} is from neuron ${raster.neurons[i]}, outside 0..${total - 1} (Ne + Ni = ${total}).`)
    }
  }
}

/**
 * Frame k holds the spikes with step < (k+1) * stepsForDuration / frames, compared in integers
 * (step * frames < (k+1) * stepsForDuration) so frame edges never depend on rounding.
 */
function frameBoundaries(
  raster: SpikeRaster,
  frames: number,
  stepsForDuration: number,
  windowSteps: number
): { frameEnd: Uint32Array; frameStart: Uint32Array } {
  const { steps } = raster
  const frameEnd = new Uint32Array(frames)
  const frameStart = new Uint32Array(frames)
  let end = 0
  let start = 0
  for (let k = 0; k < frames; k++) {
    const bound = (k + 1) * stepsForDuration
    while (end < steps.length && steps[end] * frames < bound) end++
    while (start < end && steps[start] * frames < bound - windowSteps * frames) start++
    frameEnd[k] = end
    frameStart[k] = start
  }
  return { frameEnd, frameStart }
}

/** Pixels of a filled disc of the given radius. */
function dotStamp(radius: number, width: number): { offsets: Int32Array; dx: Int8Array; dy: Int8Array; reach: number } {
  const reach = Math.floor(radius)
  const r2 = radius * radius
  const dxs: number[] = []
  const dys: number[] = []
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      if (dx * dx + dy * dy <= r2) {
        dxs.push(dx)
        dys.push(dy)
      }
    }
  }
  const offsets = new Int32Array(dxs.length)
  for (let i = 0; i < dxs.length; i++) offsets[i] = dys[i] * width + dxs[i]
  return { offsets, dx: Int8Array.from(dxs), dy: Int8Array.from(dys), reach }
}
