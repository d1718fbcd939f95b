// gifenc ships no type declarations; this covers the part of its API the workbench uses.
declare module 'gifenc' {
  export type GifPalette = ReadonlyArray<ReadonlyArray<number>>

  export interface GifFrameOptions {
    palette?: GifPalette | null
    /** Milliseconds; GIF stores centiseconds, so it is rounded to a multiple of 10. */
    delay?: number
    /** -1 = play once, 0 = loop forever, n > 0 = loop n extra times. */
    repeat?: number
    transparent?: boolean
    transparentIndex?: number
    /** Bits per index (minimum LZW code size); must cover every index used. */
    colorDepth?: number
    /** GIF disposal method; -1 lets gifenc choose. */
    dispose?: number
    first?: boolean
  }

  export interface GifEncoderInstance {
    writeFrame(index: Uint8Array, width: number, height: number, opts?: GifFrameOptions): void
    writeHeader(): void
    finish(): void
    reset(): void
    bytes(): Uint8Array
    bytesView(): Uint8Array
  }

  export function GIFEncoder(opts?: { initialCapacity?: number; auto?: boolean }): GifEncoderInstance
  const gifenc: { GIFEncoder: typeof GIFEncoder }
  export default gifenc
}
