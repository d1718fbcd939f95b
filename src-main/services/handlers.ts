import type { ServiceContext } from './context'
import { createServices, type ServiceHandlers } from './services'
import workerPath from '../pool/worker-path'

/** The services as the Electron shell uses them, with the bundled worker. */
export function createHandlers(ctx: ServiceContext): { handlers: ServiceHandlers; dispose(): Promise<void>; hasRecoverable(): Promise<{ savedAt: string; name: string } | null> } {
  const s = createServices(ctx, { workerPath })
  return { handlers: s.handlers, dispose: () => s.dispose(), hasRecoverable: () => s.project.hasRecoverable() }
}
