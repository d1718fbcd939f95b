/**
 * A fake `window.workbench` for renderer tests: the real createWorkbenchApi over a transport that
 * records every invoke (after checking it against the IPC contract's guard and that it survives
 * structured cloning, as Electron's IPC requires) and lets the test push main-process events.
 */
import { createWorkbenchApi, API_GLOBAL, type WorkbenchApi } from '../../src-shared/ipc/api'
import { checkRequest, isInvokeChannel, type EventPayloads, type InvokeResponses } from '../../src-shared/ipc/contract'
import type { EventChannel, InvokeChannel } from '../../src-shared/ipc/channels'

type Handler<C extends InvokeChannel> = (payload: unknown) => InvokeResponses[C] | Promise<InvokeResponses[C]>
export type Handlers = { [C in InvokeChannel]?: Handler<C> }

export interface InvokeCall {
  channel: InvokeChannel
  payload: unknown
}

export interface FakeWorkbench {
  api: WorkbenchApi
  calls: InvokeCall[]
  handlers: Handlers
  /** Payloads of every invoke on `channel`, in order. */
  callsTo<C extends InvokeChannel>(channel: C): unknown[]
  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void
  listenerCount(channel: EventChannel): number
}

const DEFAULTS: Handlers = {
  'app:info': () => ({ name: 'Serotonin Attractor Workbench', version: '0.1.0', electron: '45', chrome: '140', node: '22', platform: 'linux' }),
  'app:quit': () => undefined,
  'runs:enqueue': (p) => ({ ok: true, accepted: (p as { runs: unknown[] }).runs.length }),
  'runs:cancel': (p) => ({ cancelled: (p as { runIds: unknown[] }).runIds.length }),
  'runs:cancelAll': () => ({ cancelled: 0 }),
  'runs:forget': (p) => ({ forgotten: (p as { runIds: unknown[] }).runIds.length }),
  'runs:getThreads': () => ({ threads: 2, max: 8 }),
  'cluster:followed': () => ({ folders: [] }),
  'runs:setThreads': (p) => ({ threads: (p as { threads: number }).threads }),
  'project:new': () => ({ ok: true }),
  'project:save': () => ({ ok: true, path: '/home/user/study.swb', name: 'study' }),
  'project:recent': () => ({ paths: [] }),
  'project:setDirty': () => undefined,
  'project:autosave': () => ({ ok: true, path: '/home/user/.autosave.swb' }),
  'project:discardAutosave': () => undefined
}

export function installFakeWorkbench(handlers: Handlers = {}): FakeWorkbench {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const calls: InvokeCall[] = []
  const all: Handlers = { ...DEFAULTS, ...handlers }
  const api = createWorkbenchApi({
    async invoke(channel, payload) {
      if (!isInvokeChannel(channel)) throw new Error(`unknown channel ${channel}`)
      // The main process validates every request; a payload it would refuse is a renderer bug.
      checkRequest(channel, payload)
      structuredClone(payload)
      calls.push({ channel, payload })
      const h = all[channel] as ((p: unknown) => unknown) | undefined
      if (!h) throw new Error(`The fake workbench has no handler for ${channel}`)
      return h(payload)
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set)
      set.add(listener)
      return () => set.delete(listener)
    }
  })
  // globalThis rather than window so this file also type-checks without the DOM library.
  const g = globalThis as unknown as { window?: Record<string, unknown> } & Record<string, unknown>
  g[API_GLOBAL] = api
  if (g.window) g.window[API_GLOBAL] = api
  return {
    api,
    calls,
    handlers: all,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.payload),
    emit(channel, payload) {
      for (const l of listeners.get(channel) ?? []) l(payload)
    },
    listenerCount: (channel) => listeners.get(channel)?.size ?? 0
  }
}
