/** The only door to the main process: the preload's `window.workbench`, typed by the IPC contract. */
import { API_GLOBAL, type WorkbenchApi } from '../src-shared/ipc/api'

declare global {
  interface Window {
    [API_GLOBAL]: WorkbenchApi
  }
}

export function api(): WorkbenchApi {
  const a = window[API_GLOBAL]
  if (!a) throw new Error('The workbench API is missing: the page was not loaded by the app (no preload).')
  return a
}
