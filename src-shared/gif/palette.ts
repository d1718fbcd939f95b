/**
 * The fixed GIF palette. Frames are drawn straight into these indices, so the encoder
 * never has to quantize, and 16 entries let it use 4-bit LZW codes.
 * Colours follow the notebook's plotly figure (plotly_white-like template).
 */
export const PaletteIndex = {
  BACKGROUND: 0,
  PLOT_BACKGROUND: 1,
  GRID: 2,
  TEXT: 3,
  EXCITATORY: 4,
  INHIBITORY: 5,
  STIMULUS: 6,
  MARKER: 7,
  /** Never drawn: marks "unchanged since the previous frame" in difference-encoded frames. */
  UNCHANGED: 15
} as const

export type PaletteColor = [number, number, number]

/** RGB triples as gifenc wants them; padded to 16 so the colour table matches a 4-bit code size. */
export const RASTER_PALETTE: readonly PaletteColor[] = Object.freeze([
  [255, 255, 255], // BACKGROUND
  [229, 236, 246], // PLOT_BACKGROUND #E5ECF6
  [255, 255, 255], // GRID
  [42, 63, 95], // TEXT #2A3F5F, plotly's default font colour
  [0, 0, 255], // EXCITATORY 'blue'
  [255, 0, 0], // INHIBITORY 'red'
  [0, 0, 255], // STIMULUS 'blue', width 5 in the notebook
  [68, 68, 68], // MARKER, termination time
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
  [255, 0, 255] // UNCHANGED (transparent in difference frames)
] as PaletteColor[])

/** Bits per palette index (GIF "colour depth" / minimum LZW code size): 4 for 16 colours. */
export const RASTER_PALETTE_BITS = Math.max(2, Math.ceil(Math.log2(RASTER_PALETTE.length)))
