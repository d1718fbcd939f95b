/**
 * What every main-process service needs from its surroundings, as interfaces: the Electron
 * shell supplies real dialogs and a real window; the CLI and the browser test harness supply
 * their own. Services never import 'electron'.
 */
import type { EventChannel, EventPayloads, InvokeChannel, InvokeRequest, InvokeResponses } from '../../src-shared/ipc/contract'

export interface FileFilter {
  name: string
  extensions: string[]
}

export interface Dialogs {
  /** Paths chosen, or null when the user cancelled. */
  openFiles(opts: { title: string; filters: FileFilter[]; multiple?: boolean }): Promise<string[] | null>
  openDirectory(opts: { title: string }): Promise<string | null>
  saveFile(opts: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>
  /** A yes/no/cancel style question; returns the index of the chosen button. */
  ask(opts: { title: string; message: string; detail?: string; buttons: string[]; defaultId?: number; cancelId?: number }): Promise<number>
}

export interface EventSink {
  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void
}

/** One handler per invoke channel; the request has already passed the contract's guard. */
export type Handler<C extends InvokeChannel> = (request: InvokeRequest<C>) => Promise<InvokeResponses[C]> | InvokeResponses[C]
export type Handlers = { [C in InvokeChannel]: Handler<C> }

export interface ServiceContext {
  dialogs: Dialogs
  events: EventSink
  /** Folder for app data: recent list, autosave, spilled run data. */
  userDataDir: string
  appVersion: string
}
