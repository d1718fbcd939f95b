/**
 * Toasts: one-sentence messages for the user. Errors stay until dismissed, information fades
 * after a few seconds.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  id: number
  kind: 'error' | 'info'
  text: string
  /** Extra lines (e.g. every problem of an imported file), shown under the sentence. */
  details?: string[]
}

const INFO_MS = 5000
/** Older toasts are dropped beyond this many, so a burst of failures cannot fill the window. */
const MAX_NOTICES = 6

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function push(kind: Notice['kind'], text: string, details?: string[]): number {
    const id = nextId++
    const notice: Notice = { id, kind, text }
    if (details && details.length) notice.details = details
    notices.value = [...notices.value, notice].slice(-MAX_NOTICES)
    if (kind === 'info') setTimeout(() => dismiss(id), INFO_MS)
    return id
  }

  function error(text: string, details?: string[]): number {
    return push('error', text, details)
  }

  function info(text: string): number {
    return push('info', text)
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  return { notices, error, info, dismiss }
})

/** A thrown value as one sentence. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e)
  // Electron prefixes rejected invokes with "Error invoking remote method 'x': Error: ".
  return text.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '')
}
