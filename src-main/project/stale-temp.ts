/**
 * Leftovers of interrupted saves. A save writes `.<name>.<pid>.<hex>.tmp` (and, for the backup,
 * `.<name>.bak.<pid>.<hex>.tmp`) beside the project and renames it into place; a process killed
 * in between leaves that file behind. The project itself is intact (the rename never happened),
 * so the leftover is only clutter, removed the next time the project is opened.
 */
import { lstat, readdir, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Our own temporary files older than this cannot belong to a save still in progress. */
const OWN_TEMP_MIN_AGE_MS = 10 * 60_000

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Matches the temporary names of saves of `projectPath` and of its backup; group 1 is the writer's pid. */
export function tempNamePattern(projectPath: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(basename(projectPath))}(?:\\.bak)?\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`)
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes temporary files that interrupted saves of `projectPath` left beside it, and returns
 * their paths. A file whose writer is still running (another window or instance saving now) is
 * left alone. Best effort: an unreadable folder or a file that cannot be removed is skipped.
 */
export async function removeStaleTempFiles(projectPath: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(projectPath)
  const pattern = tempNamePattern(projectPath)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const m = pattern.exec(name)
    if (!m) continue
    const pid = Number(m[1])
    const path = join(dir, name)
    try {
      const info = await lstat(path)
      if (!info.isFile()) continue
      // A recycled pid can be ours; only an old file of "ours" is safely from an earlier process.
      if (pid === process.pid ? now - info.mtimeMs < OWN_TEMP_MIN_AGE_MS : isRunning(pid)) continue
      await unlink(path)
      removed.push(path)
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed
}
