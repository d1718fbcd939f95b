/** Keyboard control of playback: Space plays or pauses, Left/Right step one frame. */

export interface PlaybackKeys {
  togglePlay(): void
  step(frames: number): void
}

/** Form fields keep their own keys (typing a space in a box must not start playback). */
function ownsKeys(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false
  const el = target as HTMLElement
  if (el.isContentEditable) return true
  return el.closest('input, textarea, select, button, [role="slider"], [contenteditable="true"]') !== null
}

/** Handles the event if it is one of ours; true when it did (and prevented the default). */
export function handlePlaybackKey(e: KeyboardEvent, target: PlaybackKeys): boolean {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return false
  const isSpace = e.key === ' ' || e.code === 'Space'
  // A focused button activates on Space itself; arrows still step everywhere but in text fields.
  if (isSpace && ownsKeys(e.target)) return false
  if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && ownsKeys(e.target) && !(e.target as Element).closest('button')) return false
  if (isSpace) target.togglePlay()
  else if (e.key === 'ArrowRight') target.step(e.shiftKey ? 10 : 1)
  else if (e.key === 'ArrowLeft') target.step(e.shiftKey ? -10 : -1)
  else return false
  e.preventDefault()
  return true
}
