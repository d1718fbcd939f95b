/** Sends an export to the main process, which asks where to save it; returns one sentence for the status line. */
import { api } from '../../api'

export interface SaveOutcome {
  ok: boolean
  /** Empty when the user cancelled the save dialog. */
  message: string
}

export async function saveExport(kind: 'csv' | 'png' | 'svg', suggestedName: string, body: { text?: string; base64?: string }): Promise<SaveOutcome> {
  try {
    const res = await api().invoke('export:save', { kind, suggestedName, ...body })
    if (res.ok) return { ok: true, message: `Saved ${res.path}` }
    if ('cancelled' in res && res.cancelled) return { ok: true, message: '' }
    return { ok: false, message: res.message }
  } catch (e) {
    return { ok: false, message: `Could not save ${suggestedName}: ${(e as Error).message}` }
  }
}

/** A file name from free text: letters, digits, dots, dashes and underscores only. */
export function fileSafe(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'chart'
}
