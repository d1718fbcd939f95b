/**
 * The services' Dialogs, shown as sheets of the app window. Dialogs remember the last folder
 * used so a scientist saving a series of figures is not sent back to the home folder each time.
 */
import { dirname, join } from 'node:path'
import type { Dialogs, FileFilter } from '../services/context'

type OpenProperty = 'openFile' | 'openDirectory' | 'multiSelections' | 'createDirectory'
type SaveProperty = 'createDirectory' | 'showOverwriteConfirmation'

export interface DialogApi<W> {
  showOpenDialog(window: W, options: { title: string; defaultPath?: string; filters?: FileFilter[]; properties: OpenProperty[] }): Promise<{ canceled: boolean; filePaths: string[] }>
  showSaveDialog(window: W, options: { title: string; defaultPath: string; filters: FileFilter[]; properties: SaveProperty[] }): Promise<{ canceled: boolean; filePath?: string }>
  showMessageBox(
    window: W,
    options: { type: 'question' | 'info' | 'warning' | 'error'; title: string; message: string; detail?: string; buttons: string[]; defaultId?: number; cancelId?: number; noLink: boolean }
  ): Promise<{ response: number }>
}

export function createElectronDialogs<W>(dialog: DialogApi<W>, getWindow: () => W | null): Dialogs {
  let lastDir: string | undefined
  const remember = (path: string, isDir: boolean) => {
    lastDir = isDir ? path : dirname(path)
  }
  return {
    async openFiles({ title, filters, multiple }) {
      const window = getWindow()
      if (!window) return null
      const properties: OpenProperty[] = multiple ? ['openFile', 'multiSelections'] : ['openFile']
      const r = await dialog.showOpenDialog(window, { title, filters, properties, ...(lastDir ? { defaultPath: lastDir } : {}) })
      if (r.canceled || r.filePaths.length === 0) return null
      remember(r.filePaths[0], false)
      return r.filePaths
    },
    async openDirectory({ title }) {
      const window = getWindow()
      if (!window) return null
      const r = await dialog.showOpenDialog(window, { title, properties: ['openDirectory', 'createDirectory'], ...(lastDir ? { defaultPath: lastDir } : {}) })
      if (r.canceled || r.filePaths.length === 0) return null
      remember(r.filePaths[0], true)
      return r.filePaths[0]
    },
    async saveFile({ title, defaultName, filters }) {
      const window = getWindow()
      if (!window) return null
      const r = await dialog.showSaveDialog(window, {
        title,
        defaultPath: lastDir ? join(lastDir, defaultName) : defaultName,
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation']
      })
      if (r.canceled || !r.filePath) return null
      remember(r.filePath, false)
      return r.filePath
    },
    async ask({ title, message, detail, buttons, defaultId, cancelId }) {
      const window = getWindow()
      const fallback = cancelId ?? buttons.length - 1
      if (!window) return fallback
      const r = await dialog.showMessageBox(window, {
        type: 'question',
        title,
        message,
        ...(detail !== undefined ? { detail } : {}),
        buttons,
        ...(defaultId !== undefined ? { defaultId } : {}),
        ...(cancelId !== undefined ? { cancelId } : {}),
        noLink: true
      })
      return r.response
    }
  }
}
