/**
 * The recent-projects list: at most 10 absolute paths, most recent first, kept in
 * userDataDir/recent.json. A damaged or missing list starts empty rather than failing,
 * since losing it costs little. Writes are atomic and run one at a time.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { writeFileAtomic } from '../io/atomic-write'

export const MAX_RECENT = 10
const MAX_PATH_LENGTH = 4096

export interface RecentList {
  list(): Promise<string[]>
  /** True when `path` (resolved) is on the list. */
  has(path: string): Promise<boolean>
  /** Puts `path` first; returns the new list. */
  add(path: string): Promise<string[]>
  remove(path: string): Promise<string[]>
}

export function recentFilePath(userDataDir: string): string {
  return join(userDataDir, 'recent.json')
}

function clean(value: unknown, max: number): string[] {
  const paths = Array.isArray(value) ? value : (value as { paths?: unknown } | null)?.paths
  if (!Array.isArray(paths)) return []
  const out: string[] = []
  for (const p of paths) {
    if (typeof p !== 'string' || p.length === 0 || p.length > MAX_PATH_LENGTH) continue
    const abs = resolve(p)
    if (!out.includes(abs)) out.push(abs)
    if (out.length === max) break
  }
  return out
}

/**
 * `opts` makes the same kind of list in another file (the cluster job folders the app follows,
 * so they are followed again after a restart).
 */
export function createRecentList(userDataDir: string, opts: { file?: string; max?: number } = {}): RecentList {
  const file = opts.file ? join(userDataDir, opts.file) : recentFilePath(userDataDir)
  const max = opts.max ?? MAX_RECENT
  let queue: Promise<unknown> = Promise.resolve()
  // One operation at a time, so two quick opens cannot interleave read-modify-write.
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op)
    queue = next.catch(() => undefined)
    return next
  }

  async function read(): Promise<string[]> {
    try {
      return clean(JSON.parse(await readFile(file, 'utf8')), max)
    } catch {
      return []
    }
  }

  async function write(paths: string[]): Promise<string[]> {
    try {
      await mkdir(userDataDir, { recursive: true })
      await writeFileAtomic(file, JSON.stringify({ version: 1, paths }, null, 2))
    } catch {
      // The list is a convenience: failing to store it must not fail the open or save it accompanies.
    }
    return paths
  }

  return {
    list: () => serial(read),
    has: (path) => serial(async () => (await read()).includes(resolve(path))),
    add: (path) =>
      serial(async () => {
        const abs = resolve(path)
        return write([abs, ...(await read()).filter((p) => p !== abs)].slice(0, max))
      }),
    remove: (path) =>
      serial(async () => {
        const abs = resolve(path)
        return write((await read()).filter((p) => p !== abs))
      })
  }
}
