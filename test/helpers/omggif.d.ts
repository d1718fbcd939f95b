// omggif ships no type declarations; this covers the decoder API the GIF tests use.
declare module 'omggif' {
  export interface GifFrameInfo {
    x: number
    y: number
    width: number
    height: number
    has_local_palette: boolean
    palette_offset: number | null
    palette_size: number | null
    data_offset: number
    data_length: number
    transparent_index: number | null
    interlaced: boolean
    /** Centiseconds. */
    delay: number
    disposal: number
  }

  export class GifReader {
    constructor(buf: Uint8Array)
    width: number
    height: number
    numFrames(): number
    /** null when the GIF has no NETSCAPE loop extension; 0 = forever. */
    loopCount(): number | null
    frameInfo(frameNum: number): GifFrameInfo
    /** Writes the frame's non-transparent pixels into an RGBA buffer of width*height*4. */
    decodeAndBlitFrameRGBA(frameNum: number, pixels: Uint8Array | Uint8ClampedArray): void
    decodeAndBlitFrameBGRA(frameNum: number, pixels: Uint8Array | Uint8ClampedArray): void
  }
}
