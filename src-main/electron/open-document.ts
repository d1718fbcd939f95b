/**
 * Opening a project from the Open Recent menu: the renderer did not ask for it, so the result is
 * pushed as 'project:opened'. Unsaved changes are asked about first; "Save" sends 'save-then-open'
 * (the renderer saves as for 'save') and the file is opened once that save succeeds.
 */
import type { InvokeResponses } from '../../src-shared/ipc/contract'
import type { Dialogs, EventSink } from '../services/context'

export interface DocumentOpenerDeps {
  /** The (state-tracking) 'project:open' handler. */
  open(path: string): Promise<InvokeResponses['project:open']>
  dialogs: Pick<Dialogs, 'ask'>
  events: EventSink
  isDirty(): boolean
  documentName(): string
}

export interface DocumentOpener {
  openPath(path: string): Promise<void>
  /** Call with the outcome of every project save. */
  saved(ok: boolean): void
}

export function createDocumentOpener(deps: DocumentOpenerDeps): DocumentOpener {
  let pending: string | null = null

  async function openNow(path: string): Promise<void> {
    const result = await deps.open(path)
    if (result.ok) {
      deps.events.emit('project:opened', { project: result.project })
    } else if (!('cancelled' in result)) {
      await deps.dialogs.ask({ title: 'Could not open project', message: result.message, buttons: ['OK'] })
    }
  }

  return {
    async openPath(path) {
      pending = null
      if (deps.isDirty()) {
        const choice = await deps.dialogs.ask({
          title: 'Unsaved changes',
          message: `Save the changes to "${deps.documentName()}" before opening another project?`,
          detail: 'Your changes will be lost if you do not save them.',
          buttons: ['Save', "Don't Save", 'Cancel'],
          defaultId: 0,
          cancelId: 2
        })
        if (choice === 0) {
          pending = path
          deps.events.emit('menu:command', { command: 'save-then-open' })
          return
        }
        if (choice !== 1) return
      }
      await openNow(path)
    },
    saved(ok) {
      const path = pending
      pending = null
      if (ok && path) void openNow(path).catch((err: unknown) => console.error('Opening after save failed:', err))
    }
  }
}

