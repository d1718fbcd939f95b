/**
 * Which frames may call the main process: only the top frame of the app window, and only while it
 * shows the app's own page (the bundled index.html, or the dev server in development). An iframe,
 * another window, or the window after a navigation that slipped past the guards is refused.
 */
import type { FrameLike } from './electron-types'

export type SenderCheck = (frame: FrameLike | null) => boolean

/** The frame's address is the app page: same file for file://, same origin for the dev server. */
export function isTrustedUrl(candidate: string, trusted: string): boolean {
  let c: URL
  let t: URL
  try {
    c = new URL(candidate)
    t = new URL(trusted)
  } catch {
    return false
  }
  if (c.protocol !== t.protocol) return false
  if (t.protocol === 'file:') return c.host === t.host && decodeURIComponent(c.pathname) === decodeURIComponent(t.pathname)
  if (t.protocol === 'http:' || t.protocol === 'https:') return c.origin === t.origin
  return false
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  return a === b || (a.processId === b.processId && a.routingId === b.routingId)
}

export function createSenderCheck(opts: { getMainFrame: () => FrameLike | null | undefined; trustedUrl: string }): SenderCheck {
  return (frame) => {
    if (!frame || frame.parent !== null) return false
    let main: FrameLike | null | undefined
    try {
      main = opts.getMainFrame()
    } catch {
      // The window is being destroyed.
      return false
    }
    if (!main || !sameFrame(frame, main)) return false
    return isTrustedUrl(frame.url, opts.trustedUrl)
  }
}
