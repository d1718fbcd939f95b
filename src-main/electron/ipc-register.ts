/**
 * Binds every contract channel to its handler behind three gates: the sender must be the app's
 * own top frame, the request must pass the channel's guard, and whatever goes wrong inside the
 * handler reaches the renderer as one plain sentence (the stack stays in the main log).
 */
import { INVOKE_CHANNELS, type InvokeChannel } from '../../src-shared/ipc/channels'
import { checkRequest } from '../../src-shared/ipc/contract'
import { PayloadError } from '../../src-shared/ipc/guards'
import type { Handlers } from '../services/context'
import type { FrameLike, IpcMainLike } from './electron-types'

export interface IpcLog {
  warn(...args: unknown[]): void
  error(...args: unknown[]): void
}

const MAX_MESSAGE = 2000

/** The first lines of an error's message, with any stack frames removed and the length capped. */
export function publicMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : 'Unexpected error'
  const lines = raw.split('\n').filter((line) => !/^\s+at\s/.test(line))
  const text = lines.join('\n').trim() || 'Unexpected error'
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text
}

/** Throws unless `handlers` has a function for every contract channel and nothing else. */
export function assertEveryChannelHandled(handlers: Record<string, unknown>): asserts handlers is Handlers {
  const missing = INVOKE_CHANNELS.filter((c) => typeof handlers[c] !== 'function')
  const known = new Set<string>(INVOKE_CHANNELS)
  const extra = Object.keys(handlers).filter((k) => !known.has(k))
  if (missing.length > 0 || extra.length > 0) {
    const parts = []
    if (missing.length > 0) parts.push(`no handler for ${missing.join(', ')}`)
    if (extra.length > 0) parts.push(`handlers for unknown channels ${extra.join(', ')}`)
    throw new Error(`IPC handlers do not match the contract: ${parts.join('; ')}`)
  }
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrustedSender: (frame: FrameLike | null) => boolean,
  log: IpcLog = console
): () => void {
  assertEveryChannelHandled(handlers)
  for (const channel of INVOKE_CHANNELS) {
    const handler = handlers[channel] as (request: unknown) => unknown
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event.senderFrame)) {
        log.warn(`IPC ${channel} refused: sender frame ${event.senderFrame?.url ?? '(gone)'} is not the app window`)
        throw new Error('Forbidden sender')
      }
      if (args.length > 1) throw new Error(`Invalid request to ${channel}: expected one payload, got ${args.length}`)
      let request: unknown
      try {
        request = checkRequest(channel as InvokeChannel, args[0])
      } catch (err) {
        if (err instanceof PayloadError) throw new Error(`Invalid request to ${channel}: ${err.message}`)
        log.error(`IPC ${channel}: request check failed`, err)
        throw new Error(`Invalid request to ${channel}`)
      }
      try {
        return await handler(request)
      } catch (err) {
        log.error(`IPC ${channel} failed:`, err)
        throw new Error(publicMessage(err))
      }
    })
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel)
  }
}
