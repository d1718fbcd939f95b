/** The GIF dialog's fields, checked against the same limits the main process enforces. */
import type { GifSettings } from '../../../src-shared/experiment/types'

export type GifLayout = 'per-run' | 'combined'

interface Limit {
  key: keyof Omit<GifSettings, 'mode'>
  label: string
  min: number
  max: number
  unit: string
}

export const GIF_LIMITS: readonly Limit[] = [
  { key: 'width', label: 'Width', min: 100, max: 4000, unit: 'px' },
  { key: 'height', label: 'Height per run', min: 100, max: 4000, unit: 'px' },
  { key: 'frames', label: 'Frames', min: 1, max: 1000, unit: '' },
  { key: 'frame_ms', label: 'Frame duration', min: 10, max: 10_000, unit: 'ms' }
]

/** The first problem with the settings as one sentence, or null when they are fine. */
export function gifSettingsProblem(s: GifSettings): string | null {
  for (const l of GIF_LIMITS) {
    const v = s[l.key]
    if (!Number.isInteger(v) || v < l.min || v > l.max) {
      const unit = l.unit ? ` ${l.unit}` : ''
      return `${l.label} must be a whole number from ${l.min} to ${l.max}${unit} (got ${Number.isFinite(v) ? v : 'nothing'}).`
    }
  }
  return null
}

/** A job id unique enough to tell this export's progress events from any other's. */
export function newGifJobId(): string {
  return `gif-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`
}
