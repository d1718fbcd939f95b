/**
 * The open project's name and unsaved-changes flag as the main process knows them: they make the
 * window title and decide whether closing asks first. The renderer reports edits through
 * 'project:setDirty'; opening and saving are seen on their way back through the handlers, so the
 * state follows the project without the handler layer knowing about windows.
 */
import type { Handlers } from '../services/context'

export const APP_TITLE = 'Serotonin Attractor Workbench'
export const UNTITLED = 'Untitled'

export interface DocumentState {
  name: string
  dirty: boolean
}

export function windowTitle(state: DocumentState): string {
  return `${state.name || UNTITLED}${state.dirty ? ' •' : ''} — ${APP_TITLE}`
}

export class DocumentStateStore {
  private state: DocumentState = { name: UNTITLED, dirty: false }
  private readonly listeners = new Set<(state: DocumentState) => void>()

  get(): DocumentState {
    return { ...this.state }
  }

  set(patch: Partial<DocumentState>): void {
    const next = { name: patch.name ?? this.state.name, dirty: patch.dirty ?? this.state.dirty }
    if (next.name === this.state.name && next.dirty === this.state.dirty) return
    this.state = next
    for (const listener of this.listeners) listener(this.get())
  }

  subscribe(listener: (state: DocumentState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** The app's one document. */
export const documentState = new DocumentStateStore()

export function setDocumentState(patch: Partial<DocumentState>): void {
  documentState.set(patch)
}

export interface DocumentHooks {
  /** A project was saved (ok or not); `ok` tells which. */
  onSaved?: (ok: boolean) => void
  /** The project file list changed (opened or saved somewhere): refresh Open Recent. */
  onRecentChanged?: () => void
}

/** Wraps the project handlers so their results update `store`; the other channels pass through. */
export function trackDocumentState(handlers: Handlers, store: DocumentStateStore = documentState, hooks: DocumentHooks = {}): Handlers {
  return {
    ...handlers,
    'project:setDirty': async (request) => {
      const result = await handlers['project:setDirty'](request)
      store.set({ dirty: request.dirty })
      return result
    },
    'project:new': async (request) => {
      const result = await handlers['project:new'](request)
      store.set({ name: UNTITLED, dirty: false })
      return result
    },
    'project:open': async (request) => {
      const result = await handlers['project:open'](request)
      if (result.ok) {
        store.set({ name: result.project.name, dirty: false })
        hooks.onRecentChanged?.()
      }
      return result
    },
    'project:save': async (request) => {
      let ok = false
      try {
        const result = await handlers['project:save'](request)
        if (result.ok) {
          ok = true
          store.set({ name: result.name, dirty: false })
          hooks.onRecentChanged?.()
        }
        return result
      } finally {
        hooks.onSaved?.(ok)
      }
    },
    'project:recoverAutosave': async (request) => {
      const result = await handlers['project:recoverAutosave'](request)
      // A recovered autosave is by definition not what is on disk.
      if (result.ok) store.set({ name: result.project.name, dirty: true })
      return result
    }
  }
}
