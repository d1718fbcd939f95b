import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'

/**
 * Writes to a temporary file beside the target, flushes it to disk, then renames it over the
 * target: readers see the old file or the new one, never half of one. On any failure the
 * temporary file is removed and the target is untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(tmp, 'wx', 0o644)
    await handle.writeFile(data)
    await handle.sync()
    await handle.close()
    handle = undefined
    await rename(tmp, path)
  } catch (err) {
    await handle?.close().catch(() => undefined)
    await unlink(tmp).catch(() => undefined)
    throw describeWriteError(err, path)
  }
}

/** Turns errno codes into sentences a scientist can act on. */
export function describeWriteError(err: unknown, path: string): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  const reasons: Record<string, string> = {
    EACCES: 'permission denied: the folder is read-only or belongs to someone else',
    EPERM: 'the operating system refused the write (read-only folder or file)',
    EROFS: 'the disk is mounted read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'your disk quota is used up',
    ENOENT: 'the folder does not exist',
    EISDIR: 'a folder of that name is in the way',
    ENOTDIR: 'a file is in the way where a folder should be'
  }
  const reason = (code && reasons[code]) || (err instanceof Error ? err.message : String(err))
  const e = new Error(`Could not save ${path}: ${reason}. Nothing was changed on disk.`)
  ;(e as Error & { code?: string }).code = code
  return e
}
