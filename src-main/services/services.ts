/**
 * All main-process services behind the IPC contract except the app shell's own ('app:*'), built
 * without Electron so the browser test harness binds the very same ones.
 */
import { join } from 'node:path'
import type { Handlers, ServiceContext } from './context'
import { SimPool } from '../pool/sim-pool'
import { RunStore } from '../runs/run-store'
import { createRunsService, type RunsService } from './runs-service'
import { createGifService } from './gif-service'
import { createProjectService, type ProjectService } from './project-service'
import { createParamsIoService } from './params-io-service'
import { createExperimentIoService } from './experiment-io-service'
import { createExportService } from './export-service'
import { createArchiveService } from './archive-service'
import { createClusterService } from './cluster-service'
import { createClusterJobsService } from './cluster-jobs-service'

export type ServiceHandlers = Omit<Handlers, 'app:info' | 'app:quit'>

export interface Services {
  handlers: ServiceHandlers
  pool: SimPool
  store: RunStore
  runs: RunsService
  project: ProjectService
  dispose(): Promise<void>
}

export function createServices(
  ctx: ServiceContext,
  opts: { workerPath: string; maxThreads?: number; spikeBudget?: number; clusterRunner?: { node: string; cli: string } }
): Services {
  const pool = new SimPool({ workerPath: opts.workerPath, maxThreads: opts.maxThreads })
  const store = new RunStore(join(ctx.userDataDir, 'run-cache'), opts.spikeBudget)
  const runs = createRunsService(ctx, pool, store)
  const project = createProjectService(ctx, store)
  const { queue: _queue, dispose: _dispose, ...runHandlers } = runs
  const { trust, dispose: disposeClusterJobs, ...clusterJobHandlers } = createClusterJobsService(ctx, store)
  const {
    currentPath: _currentPath, isDirty: _isDirty, hasRecoverable: _hasRecoverable, ...projectHandlers
  } = project
  const handlers: ServiceHandlers = {
    ...runHandlers,
    ...createGifService(ctx, pool, store),
    ...projectHandlers,
    ...createParamsIoService(ctx),
    ...createExperimentIoService(ctx),
    ...createExportService(ctx),
    ...createArchiveService(ctx, pool, store),
    ...createClusterService(ctx, opts.clusterRunner, trust),
    ...clusterJobHandlers
  }
  return {
    handlers,
    pool,
    store,
    runs,
    project,
    async dispose() {
      runs.dispose()
      disposeClusterJobs()
      await pool.destroy()
      await store.clear()
    }
  }
}
