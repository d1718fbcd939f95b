#!/usr/bin/env node
/**
 * Draws the app icon (resources/icon.png, 512 x 512): the ring of excitatory neurons as blue dots
 * with the memory bump in red, bulging out of the ring at the top. Plain Node (zlib) so the
 * icon can be regenerated anywhere: `node scripts/make-icon.mjs`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const OUT = join(import.meta.dirname, '..', 'resources', 'icon.png')

const rgba = new Float64Array(SIZE * SIZE * 4) // premultiplied, 0..1

/** Paints `color` with coverage 0..1 over pixel (x, y). */
function blend(x, y, color, coverage) {
  if (coverage <= 0) return
  const i = (y * SIZE + x) * 4
  const a = color[3] * Math.min(1, coverage)
  for (let c = 0; c < 3; c++) rgba[i + c] = color[c] * a + rgba[i + c] * (1 - a)
  rgba[i + 3] = a + rgba[i + 3] * (1 - a)
}

/** Anti-aliased coverage from a signed distance (negative inside). */
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d))

function fillShape(sdf, color, box) {
  const [x0, y0, x1, y1] = box.map((v) => Math.round(v))
  for (let y = Math.max(0, y0); y < Math.min(SIZE, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(SIZE, x1); x++) blend(x, y, color, cover(sdf(x + 0.5, y + 0.5)))
  }
}

function roundedSquare(margin, radius, color) {
  const half = SIZE / 2 - margin
  fillShape((x, y) => {
    const qx = Math.abs(x - SIZE / 2) - (half - radius)
    const qy = Math.abs(y - SIZE / 2) - (half - radius)
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius
  }, color, [0, 0, SIZE, SIZE])
}

function disc(cx, cy, r, color) {
  fillShape((x, y) => Math.hypot(x - cx, y - cy) - r, color, [cx - r - 2, cy - r - 2, cx + r + 2, cy + r + 2])
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t)
const BACKGROUND = [0.965, 0.973, 0.988, 1]
const FRAME = [0.82, 0.85, 0.91, 1]
const BLUE = [0.16, 0.38, 0.78, 1]
const RED = [0.86, 0.16, 0.17, 1]

roundedSquare(16, 104, FRAME)
roundedSquare(22, 98, BACKGROUND)

const DOTS = 40
const RING = 168
const BUMP_WIDTH = 0.38 // radians
// The bump reaches further than the rest of the ring; lower the centre to balance the picture.
const CENTRE_Y = SIZE / 2 + 20
for (let k = 0; k < DOTS; k++) {
  const angle = (2 * Math.PI * k) / DOTS
  // Angular distance from the top of the ring, where the bump sits.
  const d = Math.atan2(Math.sin(angle), Math.cos(angle))
  const bump = Math.exp(-(d * d) / (2 * BUMP_WIDTH * BUMP_WIDTH))
  const r = RING + 34 * bump
  const cx = SIZE / 2 + r * Math.sin(angle)
  const cy = CENTRE_Y - r * Math.cos(angle)
  disc(cx, cy, 11 + 7 * bump, mix(BLUE, RED, Math.min(1, bump * 1.4)))
}

// --- PNG encoding: RGBA8, filter 0 on every row.
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4
    const a = rgba[i + 3]
    const o = y * (SIZE * 4 + 1) + 1 + x * 4
    for (let c = 0; c < 3; c++) raw[o + c] = a > 0 ? Math.round((rgba[i + c] / a) * 255) : 0
    raw[o + 3] = Math.round(a * 255)
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
const ihdr = Buffer.alloc(13)
ihdr.writeUInt32BE(SIZE, 0)
ihdr.writeUInt32BE(SIZE, 4)
ihdr[8] = 8 // bit depth
ihdr[9] = 6 // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])
mkdirSync(dirname(OUT), { recursive: true })
writeFileSync(OUT, png)
console.log(`wrote ${OUT} (${png.length} bytes)`)
