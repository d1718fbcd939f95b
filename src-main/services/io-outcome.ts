/**
 * The shapes file-dialog services answer with: cancelled, a failure in one sentence (with the
 * parameter problems listed when there are any), and file names made safe from user text.
 */
import type { Cancelled, Failure } from '../../src-shared/ipc/contract'
import { ParameterFileError } from '../../src-shared/params/errors'

export function cancelled(): Cancelled {
  return { ok: false, cancelled: true, message: 'Cancelled.' }
}

export function failure(err: unknown, context?: string): Failure {
  if (err instanceof ParameterFileError) return { ok: false, message: err.message, details: err.errors }
  const message = err instanceof Error ? err.message : String(err)
  return { ok: false, message: context ? `${context}: ${message}` : message }
}

/** A name the user typed (project, experiment, figure) turned into a portable file name. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
  return cleaned || fallback
}
