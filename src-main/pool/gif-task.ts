import { encodeRasterGif } from '../gif/gif-writer'
import type { RasterPanelSpec } from '../../src-shared/gif/raster-frame-renderer'
import type { GifTask } from './tasks'

/** Encodes one GIF (one run, or several runs stacked) inside a worker thread. */
export function encodeGifTask(task: GifTask, signal: { readonly aborted: boolean }): Promise<Uint8Array> {
  const first = task.panels[0]
  const panels: RasterPanelSpec[] = task.panels.map((p) => ({
    raster: { Ne: p.Ne, Ni: p.Ni, dt_ms: p.dt_ms, nSteps: p.nSteps, steps: p.steps, neurons: p.neurons },
    title: p.title,
    terminationTimeS: p.terminationTimeS === undefined ? null : p.t_off_s + p.terminationTimeS
  }))
  const s = task.settings
  return encodeRasterGif(
    panels,
    {
      width: s.width,
      height: s.height * panels.length,
      frames: s.frames,
      mode: s.mode,
      frameDelayMs: s.frame_ms,
      stimulusOnS: first.t_on_s,
      stimulusOffS: first.t_off_s
    },
    {
      // The shared cancel flag quacks like an AbortSignal for the encoder's between-frame checks.
      signal: signal as AbortSignal,
      onProgress: (done, total) => task.progress?.postMessage({ fraction: done / total })
    }
  )
}
