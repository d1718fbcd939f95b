/**
 * Encodes the raster animation (frames from RasterFrameRenderer) as a looping GIF with
 * gifenc. Frames are already palette indices, so no quantization happens; with the
 * 16-colour palette the LZW coder runs with 4-bit codes.
 */
import { GIFEncoder } from './gifenc-interop'
import { RasterFrameRenderer, type RasterFrameOptions, type RasterPanelSpec } from '../../src-shared/gif/raster-frame-renderer'
import { RASTER_PALETTE, RASTER_PALETTE_BITS, PaletteIndex } from '../../src-shared/gif/palette'
import { FrameDifferencer } from './frame-difference'
import { patchFramePosition } from './gif-frame-position'

export interface RasterGifOptions extends RasterFrameOptions {
  /** Display time of each frame in ms (default 100, the notebook's 5 s over 50 frames). GIF keeps centiseconds. */
  frameDelayMs?: number
  /**
   * Store frames after the first as the bounding box of what changed, with unchanged pixels
   * transparent, drawn over the previous frame. Identical on screen; in accumulate mode about
   * ten times smaller and faster to encode. Default true.
   */
  differenceFrames?: boolean
}

export interface GifEncodeControl {
  signal?: AbortSignal
  /** Called after each frame is encoded. */
  onProgress?: (framesDone: number, framesTotal: number) => void
}

function abortError(): Error {
  const err = new Error('GIF encoding was cancelled.')
  err.name = 'AbortError'
  return err
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Renders and encodes every frame. Async so an AbortSignal fired from elsewhere (UI, IPC)
 * is seen between frames; throws an Error named 'AbortError' when cancelled.
 */
export async function encodeRasterGif(
  panels: readonly RasterPanelSpec[],
  options: RasterGifOptions = {},
  control: GifEncodeControl = {}
): Promise<Uint8Array> {
  const { signal, onProgress } = control
  const delay = options.frameDelayMs ?? 100
  if (!Number.isFinite(delay) || delay < 10 || delay > 655_350) {
    throw new RangeError(`GIF frame delay must be from 10 to 655350 ms, got ${options.frameDelayMs}.`)
  }
  if (signal?.aborted) throw abortError()
  const renderer = new RasterFrameRenderer(panels, options)
  const { width, height, frames } = renderer
  const frame = renderer.createFrameBuffer()
  const differ = (options.differenceFrames ?? true) ? new FrameDifferencer(width, height, PaletteIndex.UNCHANGED) : null
  const encoder = GIFEncoder({ initialCapacity: width * height })

  for (let k = 0; k < frames; k++) {
    if (signal?.aborted) throw abortError()
    renderer.renderFrame(k, frame)
    if (k === 0 || differ === null) {
      encoder.writeFrame(frame, width, height, {
        palette: k === 0 ? RASTER_PALETTE : null,
        delay,
        repeat: 0,
        colorDepth: RASTER_PALETTE_BITS,
        // Difference frames are drawn over this one, so it must stay on screen.
        dispose: differ === null ? -1 : 1
      })
      differ?.reset(frame)
    } else {
      const region = differ.next(frame)
      const frameStart = encoder.bytesView().length
      encoder.writeFrame(region.pixels, region.width, region.height, {
        delay,
        colorDepth: RASTER_PALETTE_BITS,
        transparent: true,
        transparentIndex: PaletteIndex.UNCHANGED,
        dispose: 1
      })
      patchFramePosition(encoder.bytesView(), frameStart, region.x, region.y)
    }
    onProgress?.(k + 1, frames)
    await yieldToEventLoop()
  }
  if (signal?.aborted) throw abortError()
  encoder.finish()
  return encoder.bytes()
}
