/**
 * The services' EventSink: pushes events to the app window, and drops them quietly while there
 * is no window (starting up, closing) rather than throwing into a worker callback.
 */
import type { EventChannel, EventPayloads } from '../../src-shared/ipc/contract'
import type { EventSink } from '../services/context'

export interface EventTarget {
  isDestroyed(): boolean
  readonly webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void }
}

export function createWindowEventSink(getWindow: () => EventTarget | null): EventSink {
  return {
    emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]) {
      const window = getWindow()
      if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return
      window.webContents.send(channel, payload)
    }
  }
}
