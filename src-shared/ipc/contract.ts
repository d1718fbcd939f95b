/**
 * The one IPC contract. Every channel the renderer may invoke is listed in INVOKE with the guard
 * of its request; its response type is in InvokeResponses. Events the main process pushes are in
 * EVENTS. The preload exposes exactly these (see ./api.ts), the main process registers a handler
 * for each and validates every request with its guard, and the renderer calls only them.
 */
import { arr, bool, literal, none, num, obj, opt, str, type Guard, type Infer } from './guards'
import {
  experimentGuard, gifSettingsGuard, parameterSetGuard, projectDocumentGuard, runIdGuard, runRequestGuard
} from './payloads'
import type { ParameterSet } from '../params/types'
import type { RunSummary } from '../analysis/summary'
import type { ExperimentSpec } from '../experiment/types'
import type { ParamError } from '../params/errors'
import type { RunProvenance } from '../provenance/run-provenance'
import type { ArchiveFileTiming, VerifyReport } from '../provenance/archive-types'
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './channels'

const clusterFolder = str({ max: 4096, min: 1 })

export const INVOKE = {
  'app:info': none,
  'app:quit': none,

  'params:import': none,
  'params:export': obj({ params: parameterSetGuard, name: str({ max: 200 }), layout: literal('combined', 'six-files') }),

  'experiment:import': none,
  'experiment:export': obj({ experiment: experimentGuard }),

  'runs:enqueue': obj({ runs: arr(runRequestGuard, { max: 20_000 }) }),
  'runs:cancel': obj({ runIds: arr(runIdGuard, { max: 20_000 }) }),
  'runs:cancelAll': none,
  'runs:forget': obj({ runIds: arr(runIdGuard, { max: 20_000 }) }),
  'runs:setRemoved': obj({ runIds: arr(runIdGuard, { max: 200_000 }), removed: bool }),
  'runs:getRaster': obj({ runId: runIdGuard }),
  'runs:getThreads': none,
  'runs:setThreads': obj({ threads: num({ min: 1, max: 64, int: true }) }),

  'gif:export': obj({
    jobId: str({ max: 100, min: 1 }),
    runIds: arr(runIdGuard, { max: 6, min: 1 }),
    layout: literal('per-run', 'combined'),
    settings: gifSettingsGuard,
    /** The runs' names as the app lists them ("normal · j_ee 0.9 #2"), one per run id. */
    titles: opt(arr(str({ max: 300 }), { max: 6 }))
  }),
  'gif:cancel': obj({ jobId: str({ max: 100, min: 1 }) }),

  'export:save': obj({
    kind: literal('csv', 'png', 'svg'),
    suggestedName: str({ max: 200, min: 1 }),
    text: opt(str({ max: 50_000_000 })),
    base64: opt(str({ max: 50_000_000 }))
  }),

  'cluster:prepare': obj({
    experiment: experimentGuard,
    tasks: num({ min: 1, max: 10_000, int: true }),
    partition: opt(str({ max: 100, min: 1 })),
    time: opt(str({ max: 20, min: 1 })),
    mem: opt(num({ min: 1, max: 100_000_000, int: true })),
    submit: bool
  }),
  /** Follow a job folder: one chosen in a dialog (no folder), or one this session already knows. */
  'cluster:follow': obj({ folder: opt(clusterFolder) }),
  /** Stop following (polling); the job itself goes on. */
  'cluster:unfollow': obj({ folder: clusterFolder }),
  /** The folders followed when the app last quit (still there), to follow again. */
  'cluster:followed': none,
  'cluster:cancel': obj({ folder: clusterFolder }),
  'cluster:resume': obj({ folder: clusterFolder }),
  'cluster:import': obj({ folder: opt(clusterFolder) }),

  'project:new': none,
  'project:open': obj({ recentPath: opt(str({ max: 4096 })) }),
  'project:save': obj({ document: projectDocumentGuard, saveAs: bool }),
  'project:recent': none,
  'project:setDirty': obj({ dirty: bool }),
  'project:autosave': obj({ document: projectDocumentGuard }),
  'project:recoverAutosave': none,
  'project:discardAutosave': none,

  'archive:export': obj({ name: str({ max: 200, min: 1 }), nwb: bool, sonata: bool }),
  'archive:verify': none
} as const satisfies Record<InvokeChannel, Guard<unknown>>

export { INVOKE_CHANNELS, EVENT_CHANNELS, type InvokeChannel, type EventChannel }
export type InvokeRequest<C extends InvokeChannel> = Infer<(typeof INVOKE)[C]>

export type RunState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

export interface RunStatus {
  runId: string
  state: RunState
  /** 0..1 while running. */
  progress: number
  queuedAt: number
  startedAt?: number
  finishedAt?: number
  error?: string
}

/** What the renderer keeps of a finished run; the spikes stay in the main process (runs:getRaster). */
export interface RunRecord {
  runId: string
  condition: string
  rep: number
  seed: number
  mu_exc: number
  mu_inh: number
  orientationDeg: number
  inputMode: 'exact' | 'fast'
  summary: RunSummary
  /** Wall time of the simulation, ms. */
  elapsedMs: number
  /** SHA-256 of the canonical full resolved parameter set the run was made with. */
  parametersSha256: string
  /** The same without the per-run fields (seed, orientation): equal for every run of one condition's parameters. */
  conditionSha256: string
  /** How the run was made (absent for runs saved before project format 3). */
  provenance?: RunProvenance
}

export interface RasterPayload {
  runId: string
  Ne: number
  Ni: number
  dt_ms: number
  nSteps: number
  t_on_s: number
  t_off_s: number
  terminationTimeS: number
  steps: Uint32Array
  neurons: Uint16Array
}

export type ProjectDocument = InvokeRequest<'project:save'>['document']

export interface OpenedProject {
  path: string | null
  name: string
  document: ProjectDocument
  runs: RunRecord[]
  /** One resolved parameter set per distinct conditionSha256 of the runs (for labelling groups). */
  conditionParameters?: Record<string, ParameterSet>
  /** Set when the file was upgraded from an older format on opening. */
  upgradedFrom?: number
}

/** A user-facing failure: one sentence, plus structured details where there are any. */
export interface Failure {
  ok: false
  message: string
  details?: ParamError[]
}
export type Outcome<T> = ({ ok: true } & T) | Failure
/** The user closed a dialog without choosing. */
export interface Cancelled {
  ok: false
  cancelled: true
  message: string
}

export interface InvokeResponses {
  'app:info': { name: string; version: string; electron: string; chrome: string; node: string; platform: string }
  'app:quit': void
  'params:import': Outcome<{ params: ParameterSet; sources: string[] }> | Cancelled
  'params:export': Outcome<{ paths: string[] }> | Cancelled
  'experiment:import': Outcome<{ experiment: ExperimentSpec; source: string }> | Cancelled
  'experiment:export': Outcome<{ path: string }> | Cancelled
  'runs:enqueue': Outcome<{ accepted: number }>
  'runs:cancel': { cancelled: number }
  'runs:cancelAll': { cancelled: number }
  'runs:forget': { forgotten: number }
  /** Finished runs taken out of the project (kept until it is replaced, for undo) or put back. */
  'runs:setRemoved': { changed: number }
  'runs:getRaster': Outcome<{ raster: RasterPayload }>
  'runs:getThreads': { threads: number; max: number }
  'runs:setThreads': { threads: number }
  'gif:export': Outcome<{ paths: string[] }> | Cancelled
  'gif:cancel': { cancelled: boolean }
  'export:save': Outcome<{ path: string }> | Cancelled
  /** The work folder written; the job id when it was submitted (sbatch on PATH and submit asked). */
  'cluster:prepare': Outcome<{ folder: string; jobId?: string; sbatchFound: boolean }> | Cancelled
  'cluster:follow': Outcome<{ status: ClusterJobStatus }> | Cancelled
  'cluster:unfollow': { stopped: boolean }
  'cluster:followed': { folders: string[] }
  /** cancelled false when the user chose not to. */
  'cluster:cancel': Outcome<{ cancelled: boolean }>
  'cluster:resume': Outcome<{ jobId: string; tasks: number[] }>
  /** Runs added to the project; `skipped` were there already (same run id and hashes). */
  'cluster:import': Outcome<{ folder: string; records: RunRecord[]; conditionParameters: Record<string, ParameterSet>; skipped: number; failed: number }> | Cancelled
  'project:new': { ok: true }
  'project:open': Outcome<{ project: OpenedProject }> | Cancelled
  'project:save': Outcome<{ path: string; name: string }> | Cancelled
  'project:recent': { paths: string[] }
  'project:setDirty': void
  'project:autosave': Outcome<{ path: string }>
  'project:recoverAutosave': Outcome<{ project: OpenedProject; savedAt: string }> | { ok: false; none: true; message: string }
  'project:discardAutosave': void
  'archive:export': Outcome<{ folder: string; files: string[]; timings: ArchiveFileTiming[] }> | Cancelled
  'archive:verify': Outcome<{ report: VerifyReport }>
}

/** One array task of a followed cluster job. */
export interface ClusterTaskStatus {
  task: number
  /** Slurm's state while queued (PENDING, RUNNING, ...); COMPLETED once its shard file is there; MISSING when it ended without one. */
  state: string
  /** Why Slurm keeps a PENDING task waiting (Priority, Resources, ReqNodeNotAvail…). */
  reason?: string
  done: number
  failed: number
  total: number
}

export interface ClusterJobStatus {
  folder: string
  experimentName: string
  jobId?: string
  /** squeue answers for this job here; otherwise the status comes from the folder's files alone. */
  tracked: boolean
  /** Some task is still queued or running. */
  active: boolean
  tasks: ClusterTaskStatus[]
  /** Array tasks whose shard file is not there. */
  missing: number[]
  /** Once the job has ended with shards missing: each failed task, how it ended and its log's last lines. */
  failures?: string
  /** Why following stopped early (the controller stopped answering), if it did. */
  error?: string
}

export type MenuCommand = 'new' | 'open' | 'save' | 'saveAs' | 'exportGif' | 'undo' | 'redo' | 'about' | 'save-then-close' | 'save-then-open'

/** Events pushed from the main process to the window. */
export interface EventPayloads extends Record<EventChannel, unknown> {
  'runs:status': { updates: RunStatus[] }
  'runs:finished': { record: RunRecord }
  'gif:progress': { jobId: string; fraction: number }
  'menu:command': { command: MenuCommand }
  'project:opened': { project: OpenedProject }
  'project:recoverable': { savedAt: string; name: string }
  'cluster:job': { status: ClusterJobStatus }
}
// Compile-time check that the event list and the payload map name the same channels.
const _eventsAgree: Record<EventChannel, true> = { 'runs:status': true, 'runs:finished': true, 'gif:progress': true, 'menu:command': true, 'project:opened': true, 'project:recoverable': true, 'cluster:job': true } satisfies Record<keyof EventPayloads, true>
void _eventsAgree

/** Validates a request for `channel`; throws PayloadError naming the offending field. */
export function checkRequest<C extends InvokeChannel>(channel: C, payload: unknown): InvokeRequest<C> {
  return INVOKE[channel].check(payload, '') as InvokeRequest<C>
}

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(INVOKE, channel)
}
