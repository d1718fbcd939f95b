/**
 * 'app:info' and 'app:quit'. Quitting is a callback so the Electron shell can let the close guard
 * through first, and the test harness can record it.
 */
import type { Handlers, ServiceContext } from './context'

export interface AppServiceDeps {
  name: string
  /** process.versions in Electron (electron and chrome are absent elsewhere). */
  versions: { node: string; electron?: string; chrome?: string }
  platform: string
  quit(): void
}

export function createAppService(ctx: ServiceContext, deps: AppServiceDeps): Pick<Handlers, 'app:info' | 'app:quit'> {
  return {
    'app:info': () => ({
      name: deps.name,
      version: ctx.appVersion,
      electron: deps.versions.electron ?? 'n/a',
      chrome: deps.versions.chrome ?? 'n/a',
      node: deps.versions.node,
      platform: deps.platform
    }),
    'app:quit': () => {
      // After the reply is sent: the renderer's invoke should settle before the window goes.
      setImmediate(() => deps.quit())
    }
  }
}
