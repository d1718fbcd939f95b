/**
 * The API object the preload exposes as `window.workbench`, built from the contract's channel
 * lists so it can never drift from the main handlers. The same builder serves the preload
 * (over ipcRenderer) and the browser test harness (over Playwright bindings).
 */
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './channels'
import type { EventPayloads, InvokeRequest, InvokeResponses } from './contract'

export type Unsubscribe = () => void

export interface WorkbenchApi {
  invoke<C extends InvokeChannel>(channel: C, ...request: InvokeRequest<C> extends undefined ? [] : [InvokeRequest<C>]): Promise<InvokeResponses[C]>
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): Unsubscribe
}

export interface Transport {
  invoke(channel: string, payload: unknown): Promise<unknown>
  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe
}

export function createWorkbenchApi(transport: Transport): WorkbenchApi {
  const invokable = new Set<string>(INVOKE_CHANNELS)
  const events = new Set<string>(EVENT_CHANNELS)
  return {
    invoke(channel: string, ...request: unknown[]) {
      if (!invokable.has(channel)) return Promise.reject(new Error(`Unknown channel ${channel}`))
      return transport.invoke(channel, request[0]) as never
    },
    on(channel: string, listener: (payload: never) => void) {
      if (!events.has(channel)) throw new Error(`Unknown event ${channel}`)
      return transport.subscribe(channel, listener as (payload: unknown) => void)
    }
  } as WorkbenchApi
}

export const API_GLOBAL = 'workbench'
