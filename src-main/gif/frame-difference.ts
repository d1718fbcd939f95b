/**
 * Turns consecutive full frames into "what changed" sub-images: the bounding box of the
 * changed pixels, with unchanged pixels inside it set to a transparent index. In accumulate
 * mode each frame only adds a 100 ms strip of dots, so the box is a thin column and the LZW
 * coder sees a few percent of the pixels.
 */
export interface ChangedRegion {
  x: number
  y: number
  width: number
  height: number
  /** width*height indices, row-major; a view into a buffer reused by the next call. */
  pixels: Uint8Array
}

export class FrameDifferencer {
  private readonly previous: Uint8Array
  private readonly crop: Uint8Array
  private readonly region: ChangedRegion

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly unchangedIndex: number
  ) {
    this.previous = new Uint8Array(width * height)
    this.crop = new Uint8Array(width * height)
    this.region = { x: 0, y: 0, width: 1, height: 1, pixels: this.crop.subarray(0, 1) }
  }

  /** Remembers `frame` as the base for the next difference. */
  reset(frame: Uint8Array): void {
    this.previous.set(frame)
  }

  /** The changed region of `frame` against the previous one (a 1x1 transparent pixel when nothing changed). */
  next(frame: Uint8Array): ChangedRegion {
    const { width, height, previous } = this
    let x0 = width
    let x1 = -1
    let y0 = height
    let y1 = -1
    for (let y = 0; y < height; y++) {
      const row = y * width
      let rowMin = -1
      let rowMax = -1
      for (let x = 0; x < width; x++) {
        if (frame[row + x] !== previous[row + x]) {
          if (rowMin < 0) rowMin = x
          rowMax = x
        }
      }
      if (rowMin >= 0) {
        if (rowMin < x0) x0 = rowMin
        if (rowMax > x1) x1 = rowMax
        if (y < y0) y0 = y
        y1 = y
      }
    }
    const region = this.region
    if (x1 < 0) {
      this.crop[0] = this.unchangedIndex
      region.x = 0
      region.y = 0
      region.width = 1
      region.height = 1
      region.pixels = this.crop.subarray(0, 1)
      return region
    }
    const w = x1 - x0 + 1
    const h = y1 - y0 + 1
    const crop = this.crop
    const unchanged = this.unchangedIndex
    for (let y = 0; y < h; y++) {
      const src = (y0 + y) * width + x0
      const dst = y * w
      for (let x = 0; x < w; x++) {
        const v = frame[src + x]
        if (v === previous[src + x]) {
          crop[dst + x] = unchanged
        } else {
          crop[dst + x] = v
          previous[src + x] = v
        }
      }
    }
    region.x = x0
    region.y = y0
    region.width = w
    region.height = h
    region.pixels = crop.subarray(0, w * h)
    return region
  }
}
