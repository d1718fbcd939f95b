/**
 * Projects the operating system hands the app: a double-clicked .satproj (argv on Windows and
 * Linux, 'open-file' on macOS) or one passed to a second instance. The path comes from the OS,
 * not from the page, so the main process adds it to the recent list (the only paths
 * 'project:open' accepts besides dialogs) and opens it through the same route as Open Recent.
 * Requests that arrive before the window is ready wait for it.
 */
import { extname, resolve } from 'node:path'
import { PROJECT_EXTENSION } from '../../src-shared/project/format'

export interface ExternalOpenDeps {
  addRecent(path: string): Promise<unknown>
  openPath(path: string): Promise<void>
  exists(path: string): boolean
}

export interface ExternalOpener {
  /** The first project file named on a command line, if any. */
  fromArgv(argv: readonly string[], cwd?: string): string | null
  request(path: string): void
  /** The window can show projects now: open what was requested before. */
  ready(): void
}

export function createExternalOpener(deps: ExternalOpenDeps): ExternalOpener {
  let isReady = false
  let waiting: string | null = null

  const open = (path: string): void => {
    deps
      .addRecent(path)
      .then(() => deps.openPath(path))
      .catch((err: unknown) => console.error(`Opening ${path} failed:`, err))
  }

  return {
    fromArgv(argv, cwd = process.cwd()) {
      for (const arg of argv.slice(1)) {
        if (arg.startsWith('-') || extname(arg).toLowerCase() !== `.${PROJECT_EXTENSION}`) continue
        const path = resolve(cwd, arg)
        if (deps.exists(path)) return path
      }
      return null
    },
    request(path) {
      if (isReady) open(path)
      else waiting = path
    },
    ready() {
      isReady = true
      if (waiting) {
        const path = waiting
        waiting = null
        open(path)
      }
    }
  }
}
