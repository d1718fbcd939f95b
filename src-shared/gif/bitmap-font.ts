/**
 * A 5x8 bitmap font for printable ASCII (32..126), drawn straight into palette-index
 * buffers so GIF frames need no canvas, no DOM and no font files.
 *
 * Each glyph is 7 (or 8, for descenders) hex byte rows; bit 4 is the leftmost column.
 */
const GLYPH_ROWS = [
  '00000000000000', // space
  '04040404040004', // !
  '0A0A0A00000000', // "
  '0A0A1F0A1F0A0A', // #
  '040F140E051E04', // $
  '18190204081303', // %
  '0C12140815120D', // &
  '04040000000000', // '
  '02040808080402', // (
  '08040202020408', // )
  '0004150E150400', // *
  '0004041F040400', // +
  '00000000000C0408', // ,
  '0000001F000000', // -
  '00000000000C0C', // .
  '00010204081000', // /
  '0E11131519110E', // 0
  '040C040404040E', // 1
  '0E11010204081F', // 2
  '1F02040201110E', // 3
  '02060A121F0202', // 4
  '1F101E0101110E', // 5
  '0608101E11110E', // 6
  '1F010204080808', // 7
  '0E11110E11110E', // 8
  '0E11110F01020C', // 9
  '000C0C000C0C00', // :
  '000C0C000C0408', // ;
  '02040810080402', // <
  '00001F001F0000', // =
  '08040201020408', // >
  '0E110102040004', // ?
  '0E11010D15150E', // @
  '0E1111111F1111', // A
  '1E11111E11111E', // B
  '0E11101010110E', // C
  '1C12111111121C', // D
  '1F10101E10101F', // E
  '1F10101E101010', // F
  '0E11101711110F', // G
  '1111111F111111', // H
  '0E04040404040E', // I
  '0702020202120C', // J
  '11121418141211', // K
  '1010101010101F', // L
  '111B1515111111', // M
  '11111915131111', // N
  '0E11111111110E', // O
  '1E11111E101010', // P
  '0E11111115120D', // Q
  '1E11111E141211', // R
  '0F10100E01011E', // S
  '1F040404040404', // T
  '1111111111110E', // U
  '11111111110A04', // V
  '1111111515150A', // W
  '11110A040A1111', // X
  '1111110A040404', // Y
  '1F01020408101F', // Z
  '0E08080808080E', // [
  '00100804020100', // backslash
  '0E02020202020E', // ]
  '040A1100000000', // ^
  '0000000000001F', // _
  '08040200000000', // `
  '00000E010F110F', // a
  '1010161911111E', // b
  '00000E1010110E', // c
  '01010D1311110F', // d
  '00000E111F100E', // e
  '0609081C080808', // f
  '00000F11110F010E', // g
  '10101619111111', // h
  '04000C0404040E', // i
  '020006020202120C', // j
  '10101214181412', // k
  '0C04040404040E', // l
  '00001A15151111', // m
  '00001619111111', // n
  '00000E1111110E', // o
  '00001E11111E1010', // p
  '00000F11110F0101', // q
  '00001619101010', // r
  '00000E100E011E', // s
  '08081C08080906', // t
  '0000111111130D', // u
  '00001111110A04', // v
  '0000111115150A', // w
  '0000110A040A11', // x
  '00001111110F010E', // y
  '00001F0204081F', // z
  '02040408040402', // {
  '04040404040404', // |
  '08040402040408', // }
  '00000815020000' // ~
]

export const GLYPH_WIDTH = 5
export const GLYPH_HEIGHT = 8
/** Horizontal advance per character, in font pixels (glyph plus one column of spacing). */
export const GLYPH_ADVANCE = 6
/** Rows above the baseline; the eighth row is for descenders only. */
export const GLYPH_CAP_HEIGHT = 7

const FIRST_CODE = 32
const LAST_CODE = 126

/** One byte per glyph row, 8 rows per glyph, indexed by (code - 32) * 8 + row. */
const GLYPHS: Uint8Array = (() => {
  const table = new Uint8Array(GLYPH_ROWS.length * GLYPH_HEIGHT)
  GLYPH_ROWS.forEach((hex, g) => {
    for (let row = 0; row * 2 < hex.length; row++) {
      table[g * GLYPH_HEIGHT + row] = parseInt(hex.slice(row * 2, row * 2 + 2), 16)
    }
  })
  return table
})()

/** Where text goes and how it is painted. */
export interface IndexedCanvas {
  data: Uint8Array
  width: number
  height: number
}

function glyphBase(code: number): number {
  // Characters outside printable ASCII print as '?' rather than vanish silently.
  const c = code >= FIRST_CODE && code <= LAST_CODE ? code : 63
  return (c - FIRST_CODE) * GLYPH_HEIGHT
}

export function textWidth(text: string, scale: number): number {
  if (text.length === 0) return 0
  return (text.length * GLYPH_ADVANCE - 1) * scale
}

export function textHeight(scale: number): number {
  return GLYPH_HEIGHT * scale
}

/** Draws `text` left to right with its top-left corner at (x, y); pixels outside the canvas are skipped. */
export function drawText(canvas: IndexedCanvas, x: number, y: number, text: string, color: number, scale: number): void {
  const { data, width, height } = canvas
  for (let ci = 0; ci < text.length; ci++) {
    const base = glyphBase(text.charCodeAt(ci))
    const gx0 = x + ci * GLYPH_ADVANCE * scale
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      const bits = GLYPHS[base + row]
      if (bits === 0) continue
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if ((bits & (0x10 >> col)) === 0) continue
        const px0 = gx0 + col * scale
        const py0 = y + row * scale
        for (let sy = 0; sy < scale; sy++) {
          const py = py0 + sy
          if (py < 0 || py >= height) continue
          const rowOff = py * width
          for (let sx = 0; sx < scale; sx++) {
            const px = px0 + sx
            if (px >= 0 && px < width) data[rowOff + px] = color
          }
        }
      }
    }
  }
}

/**
 * Draws `text` rotated a quarter turn counter-clockwise (reading bottom to top, like a
 * y-axis title). (x, y) is the bottom-left corner of the rotated text box.
 */
export function drawTextUp(canvas: IndexedCanvas, x: number, y: number, text: string, color: number, scale: number): void {
  const { data, width, height } = canvas
  for (let ci = 0; ci < text.length; ci++) {
    const base = glyphBase(text.charCodeAt(ci))
    const along0 = ci * GLYPH_ADVANCE * scale
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      const bits = GLYPHS[base + row]
      if (bits === 0) continue
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if ((bits & (0x10 >> col)) === 0) continue
        // Glyph column runs up the page, glyph row runs right.
        const px0 = x + row * scale
        const py0 = y - 1 - along0 - col * scale
        for (let sy = 0; sy < scale; sy++) {
          const py = py0 - sy
          if (py < 0 || py >= height) continue
          const rowOff = py * width
          for (let sx = 0; sx < scale; sx++) {
            const px = px0 + sx
            if (px >= 0 && px < width) data[rowOff + px] = color
          }
        }
      }
    }
  }
}
