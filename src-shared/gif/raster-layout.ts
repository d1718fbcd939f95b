/**
 * Where everything sits in a raster GIF frame. Proportions follow the notebook's
 * 1200x600 plotly figure (title top-left, excitatory panel above inhibitory panel,
 * stimulus bar under the lower panel) and scale with the image size.
 * Several runs stack vertically, each in its own equal-height block.
 */
import { GLYPH_ADVANCE, GLYPH_HEIGHT } from './bitmap-font'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface RunLayout {
  /** Top-left of the run title. */
  titleX: number
  titleY: number
  excitatory: Rect
  inhibitory: Rect
  /** Tops of the panel subtitles (centred over their panel). */
  excitatorySubtitleY: number
  inhibitorySubtitleY: number
  /** Top of the x tick labels under the inhibitory panel. */
  xTickLabelY: number
  stimulusBarY: number
  stimulusBarHeight: number
  /** Top of the "Time (in s)" axis title. */
  xTitleY: number
  /** Left edge of the rotated "Neuron" axis titles. */
  yTitleX: number
}

export interface RasterLayout {
  width: number
  height: number
  /** Integer scale of the 5x8 font for labels; titles use `titleScale`. */
  fontScale: number
  titleScale: number
  /** Length unit relative to the 1200x600 reference block (1 there). */
  unit: number
  dotRadius: number
  gridWidth: number
  markerWidth: number
  /** Gap between a y tick label and its panel. */
  tickLabelGap: number
  runs: RunLayout[]
}

export const DEFAULT_GIF_WIDTH = 1200
export const DEFAULT_GIF_HEIGHT_PER_RUN = 600

/** Default image size for `nRuns` stacked runs: 2:1 per run, as in the notebook. */
export function defaultRasterSize(nRuns: number, width?: number, height?: number): { width: number; height: number } {
  const w = width ?? DEFAULT_GIF_WIDTH
  const h = height ?? Math.round((w / 2) * Math.max(1, nRuns))
  return { width: w, height: h }
}

/**
 * @param yTickLabelChars widest y tick label, in characters, so the left margin fits it.
 * @throws RangeError when the image is too small to hold the panels.
 */
export function computeRasterLayout(width: number, height: number, nRuns = 1, yTickLabelChars = 3): RasterLayout {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`GIF size must be positive whole pixels, got width ${width}, height ${height}.`)
  }
  if (!Number.isInteger(nRuns) || nRuns < 1) throw new RangeError(`Number of runs in a GIF must be at least 1, got ${nRuns}.`)
  const blockH = height / nRuns
  const unit = Math.min(width / DEFAULT_GIF_WIDTH, blockH / DEFAULT_GIF_HEIGHT_PER_RUN)
  const fontScale = Math.max(1, Math.floor(Math.min(width / 600, blockH / 300)))
  const titleScale = fontScale + Math.max(1, Math.floor(fontScale / 2))
  const lineH = GLYPH_HEIGHT * fontScale
  const u = (v: number) => Math.round(v * unit)

  const tickLabelGap = Math.max(2, u(6))
  const yTitleX = Math.max(2, u(12))
  const leftNeeded = yTitleX + lineH + Math.max(2, u(10)) + yTickLabelChars * GLYPH_ADVANCE * fontScale + tickLabelGap
  const left = Math.max(u(80), leftNeeded)
  const right = Math.max(4, u(80))
  const panelW = width - left - right

  const topStuff = u(33) + GLYPH_HEIGHT * titleScale + Math.max(4, u(16)) + lineH + Math.max(2, u(6))
  const between = Math.max(8, u(70)) + lineH + Math.max(2, u(6))
  const stimulusBarHeight = Math.max(2, u(5))
  const bottomStuff =
    Math.max(2, u(6)) + lineH + Math.max(2, u(6)) + stimulusBarHeight + Math.max(2, u(8)) + lineH + Math.max(2, u(18))
  const panelH = Math.floor((blockH - topStuff - between - bottomStuff) / 2)

  if (panelW < 20 || panelH < 10) {
    throw new RangeError(
      `GIF size ${width}x${height} is too small for ${nRuns} run(s): each panel would be ${panelW}x${panelH} px ` +
        `(need at least 20x10). Use a larger width or height.`
    )
  }

  const runs: RunLayout[] = []
  for (let r = 0; r < nRuns; r++) {
    const top = Math.round(r * blockH)
    const titleY = top + u(33)
    const excitatorySubtitleY = titleY + GLYPH_HEIGHT * titleScale + Math.max(4, u(16))
    const excitatory: Rect = { x: left, y: excitatorySubtitleY + lineH + Math.max(2, u(6)), width: panelW, height: panelH }
    const inhibitorySubtitleY = excitatory.y + panelH + Math.max(8, u(70))
    const inhibitory: Rect = { x: left, y: inhibitorySubtitleY + lineH + Math.max(2, u(6)), width: panelW, height: panelH }
    const xTickLabelY = inhibitory.y + panelH + Math.max(2, u(6))
    const stimulusBarY = xTickLabelY + lineH + Math.max(2, u(6))
    const xTitleY = stimulusBarY + stimulusBarHeight + Math.max(2, u(8))
    runs.push({
      titleX: u(60),
      titleY,
      excitatory,
      inhibitory,
      excitatorySubtitleY,
      inhibitorySubtitleY,
      xTickLabelY,
      stimulusBarY,
      stimulusBarHeight,
      xTitleY,
      yTitleX
    })
  }

  return {
    width,
    height,
    fontScale,
    titleScale,
    unit,
    dotRadius: Math.max(1, 2.25 * unit),
    gridWidth: Math.max(1, u(1.5)),
    markerWidth: Math.max(1, u(2)),
    tickLabelGap,
    runs
  }
}
