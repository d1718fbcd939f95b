/**
 * Asking where to save. Some platforms' save dialogs do not add the extension of the chosen
 * filter; when we add it ourselves the dialog never saw that name, so replacing an existing
 * file is confirmed here instead.
 */
import { access } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { Dialogs, FileFilter } from './context'

export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

export async function confirmReplace(dialogs: Dialogs, paths: string[]): Promise<boolean> {
  if (paths.length === 0) return true
  const names = paths.map((p) => basename(p))
  const choice = await dialogs.ask({
    title: 'Replace existing files?',
    message: paths.length === 1 ? `${names[0]} already exists. Replace it?` : `${paths.length} files already exist. Replace them?`,
    detail: names.join('\n'),
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1
  })
  return choice === 0
}

export async function chooseSavePath(dialogs: Dialogs, opts: { title: string; defaultName: string; filter: FileFilter }): Promise<string | null> {
  const chosen = await dialogs.saveFile({ title: opts.title, defaultName: opts.defaultName, filters: [opts.filter] })
  if (!chosen) return null
  if (extname(chosen)) return chosen
  const withExtension = `${chosen}.${opts.filter.extensions[0]}`
  if ((await pathExists(withExtension)) && !(await confirmReplace(dialogs, [withExtension]))) return null
  return withExtension
}
