/**
 * The sandboxed preload: exposes exactly the contract's channels as `window.workbench` and
 * nothing of ipcRenderer itself. It imports only 'electron' and the two import-free IPC modules,
 * so the build is one CommonJS file that a sandboxed preload can load.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { API_GLOBAL, createWorkbenchApi } from '../../src-shared/ipc/api'

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  createWorkbenchApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    subscribe(channel, listener) {
      // A wrapper per subscription: the renderer never sees the IPC event (it carries `sender`).
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
      ipcRenderer.on(channel, forward)
      return () => {
        ipcRenderer.removeListener(channel, forward)
      }
    }
  })
)
