/**
 * Closing the window with unsaved changes asks first. "Save" hands over to the renderer (it owns
 * the document: it saves, then invokes app:quit), "Don't Save" closes, "Cancel" keeps working.
 */
import type { Dialogs } from '../services/context'
import type { PreventableEvent } from './electron-types'

export const CLOSE_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const

export interface CloseGuardDeps {
  isDirty(): boolean
  documentName(): string
  ask: Dialogs['ask']
  /** Ask the renderer to save and then quit ('save-then-close'). */
  requestSaveThenClose(): void
  /** Close for real (the guard lets every later close through). */
  proceed(): void
}

export interface CloseGuard {
  /** Lets the next close through without asking (app:quit after a save). */
  allowClose(): void
}

export function installCloseGuard(window: { on(event: 'close', listener: (event: PreventableEvent) => void): unknown }, deps: CloseGuardDeps): CloseGuard {
  let allowed = false
  let asking = false
  window.on('close', (event) => {
    if (allowed || !deps.isDirty()) return
    event.preventDefault()
    if (asking) return
    asking = true
    deps
      .ask({
        title: 'Unsaved changes',
        message: `Save the changes to "${deps.documentName()}" before closing?`,
        detail: 'Your changes will be lost if you do not save them.',
        buttons: [...CLOSE_BUTTONS],
        defaultId: 0,
        cancelId: 2
      })
      .then((choice) => {
        if (choice === 0) deps.requestSaveThenClose()
        else if (choice === 1) {
          allowed = true
          deps.proceed()
        }
      })
      .catch((err: unknown) => console.error('Close confirmation failed:', err))
      .finally(() => {
        asking = false
      })
  })
  return {
    allowClose() {
      allowed = true
    }
  }
}
