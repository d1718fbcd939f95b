/**
 * Reading small text files the user picked, with a size cap checked before reading and errno
 * codes turned into sentences.
 */
import { readFile, stat } from 'node:fs/promises'

export function describeReadError(err: unknown, path: string): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  const reasons: Record<string, string> = {
    ENOENT: 'the file does not exist (moved or deleted?)',
    EACCES: 'permission denied',
    EPERM: 'the operating system refused to read it',
    EISDIR: 'it is a folder, not a file',
    EMFILE: 'too many files are open; close some programs and try again'
  }
  const reason = (code && reasons[code]) || (err instanceof Error ? err.message : String(err))
  return new Error(`Could not read ${path}: ${reason}.`)
}

export async function readTextFile(path: string, maxBytes: number, what: string): Promise<string> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
    size = info.size
  } catch (err) {
    throw describeReadError(err, path)
  }
  if (size > maxBytes) {
    throw new Error(`${path} is ${(size / 1e6).toFixed(1)} MB; ${what} files are limited to ${(maxBytes / 1e6).toFixed(0)} MB. Is this the right file?`)
  }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw describeReadError(err, path)
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
