import type { RunRequest } from '../../src-shared/experiment/types'
import type { RunRecord, RunStatus } from '../../src-shared/ipc/contract'
import type { InputTrain, SimulationResult } from '../../src-shared/engine/types'
import { inputKey, inputSpecOf, type InputSpec } from '../../src-shared/engine/input-spec'
import type { SimPool } from '../pool/sim-pool'
import { CancelFlag } from '../pool/cancel-flag'
import { describeRunError } from './run-errors'
import { runProvenance } from '../archive/provenance'
import { parameterHashes } from '../../src-shared/params/run-hashes'

export interface FinishedRun {
  request: RunRequest
  record: RunRecord
  result: SimulationResult
}

export interface RunQueueListener {
  /** Batched: at most one call per flush interval, each run's latest status once. */
  onStatus(updates: RunStatus[]): void
  onFinished(run: FinishedRun): void
}

interface SharedInputs {
  promise: Promise<InputTrain>
  /** Runs queued or running that will read these inputs. */
  refs: number
  flag: CancelFlag
}

/**
 * The experiment queue: FIFO, at most `threads` runs at a time on the pool. Runs that share an
 * input spec (seed, rates, stimulus, duration) share one generated input train, made once and
 * released when its last run ends. Cancelling a queued run just drops it; a running one sees a
 * shared flag at its next progress check.
 */
export class RunQueue {
  private readonly queue: RunRequest[] = []
  private head = 0
  private readonly statuses = new Map<string, RunStatus>()
  private readonly active = new Map<string, CancelFlag>()
  private readonly inputs = new Map<string, SharedInputs>()
  private readonly pending = new Map<string, RunStatus>()
  private flushTimer: ReturnType<typeof setTimeout> | undefined
  private idleWaiters: Array<() => void> = []
  private _threads: number

  constructor(
    private readonly pool: SimPool,
    private readonly listener: RunQueueListener,
    private readonly opts: { threads?: number; flushIntervalMs?: number } = {}
  ) {
    this._threads = Math.min(pool.maxThreads, Math.max(1, opts.threads ?? pool.maxThreads))
  }

  get threads(): number {
    return this._threads
  }

  set threads(n: number) {
    this._threads = Math.min(this.pool.maxThreads, Math.max(1, Math.floor(n)))
    this.pump()
  }

  /** Queues runs; a run id already queued or running is refused as a whole batch. */
  enqueue(requests: RunRequest[]): number {
    for (const r of requests) {
      const s = this.statuses.get(r.runId)
      if (s && (s.state === 'queued' || s.state === 'running')) {
        throw new Error(`Run '${r.runId}' is already ${s.state}; wait for it or cancel it first.`)
      }
    }
    const now = Date.now()
    for (const r of requests) {
      this.queue.push(r)
      this.retainInputs(inputSpecOf(r.params, r.orientation))
      this.setStatus({ runId: r.runId, state: 'queued', progress: 0, queuedAt: now })
    }
    this.pump()
    return requests.length
  }

  cancel(runIds: readonly string[]): number {
    let n = 0
    for (const id of runIds) {
      const s = this.statuses.get(id)
      if (!s) continue
      if (s.state === 'queued') {
        this.setStatus({ ...s, state: 'cancelled', finishedAt: Date.now() })
        n++
      } else if (s.state === 'running') {
        this.active.get(id)?.cancel()
        n++
      }
    }
    this.releaseCancelledQueued()
    return n
  }

  cancelAll(): number {
    const ids: string[] = []
    for (const [id, s] of this.statuses) if (s.state === 'queued' || s.state === 'running') ids.push(id)
    return this.cancel(ids)
  }

  status(runId: string): RunStatus | undefined {
    return this.statuses.get(runId)
  }

  /** Drops the statuses of ended runs (the renderer forgot them). */
  forget(runIds: readonly string[]): number {
    let n = 0
    for (const id of runIds) {
      const s = this.statuses.get(id)
      if (s && s.state !== 'queued' && s.state !== 'running') {
        this.statuses.delete(id)
        n++
      }
    }
    return n
  }

  counts(): Record<RunStatus['state'], number> {
    const c = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 }
    for (const s of this.statuses.values()) c[s.state]++
    return c
  }

  /** How many input trains are held right now (memory stays bounded by live keys). */
  get sharedInputCount(): number {
    return this.inputs.size
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.active.size === 0 && !this.hasQueued()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  dispose(): void {
    this.cancelAll()
    this.flush()
  }

  private hasQueued(): boolean {
    for (let i = this.head; i < this.queue.length; i++) if (this.statuses.get(this.queue[i].runId)?.state === 'queued') return true
    return false
  }

  private pump(): void {
    while (this.active.size < this._threads && this.head < this.queue.length) {
      const req = this.queue[this.head++]
      if (this.statuses.get(req.runId)?.state !== 'queued') continue
      void this.start(req)
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head)
      this.head = 0
    }
    if (this.active.size === 0 && this.head >= this.queue.length) {
      this.flush()
      const waiters = this.idleWaiters
      this.idleWaiters = []
      for (const w of waiters) w()
    }
  }

  private async start(req: RunRequest): Promise<void> {
    const flag = new CancelFlag()
    this.active.set(req.runId, flag)
    const queued = this.statuses.get(req.runId)!
    const spec = inputSpecOf(req.params, req.orientation)
    const startedAt = Date.now()
    const threads = this._threads
    this.setStatus({ ...queued, state: 'running', progress: 0, startedAt })
    try {
      const inputs = await this.inputsFor(spec)
      if (flag.cancelled) throw Object.assign(new Error('cancelled'), { name: 'AbortError' })
      const params = { ...req.params, stimulus: { ...req.params.stimulus, orientation_deg: inputs.orientationDeg } }
      const out = await this.pool.simulate(params, inputs, inputs.orientationDeg, {
        cancel: flag,
        onProgress: (f) => {
          const s = this.statuses.get(req.runId)
          if (s?.state === 'running') this.setStatus({ ...s, progress: f })
        }
      }, undefined, req.earlyStop === true)
      const hashes = parameterHashes(params)
      const record: RunRecord = {
        runId: req.runId,
        condition: req.condition,
        rep: req.rep,
        seed: req.seed,
        mu_exc: params.serotonin.mu_exc,
        mu_inh: params.serotonin.mu_inh,
        orientationDeg: inputs.orientationDeg,
        inputMode: params.simulation.input_mode,
        summary: out.summary,
        elapsedMs: out.elapsedMs,
        provenance: runProvenance(params, hashes.parametersSha256, out.result, { startedAt, finishedAt: Date.now(), threads, orientationDrawn: req.orientation === 'random' }),
        ...hashes
      }
      this.setStatus({ ...this.statuses.get(req.runId)!, state: 'done', progress: 1, finishedAt: Date.now() })
      this.listener.onFinished({ request: { ...req, params }, record, result: out.result })
    } catch (err) {
      const now = Date.now()
      const s = this.statuses.get(req.runId)!
      if (flag.cancelled || (err as Error)?.name === 'AbortError') this.setStatus({ ...s, state: 'cancelled', finishedAt: now })
      else this.setStatus({ ...s, state: 'failed', finishedAt: now, error: describeRunError(err) })
    } finally {
      this.active.delete(req.runId)
      this.releaseInputs(spec)
      this.pump()
    }
  }

  private retainInputs(spec: InputSpec): void {
    const key = inputKey(spec)
    const entry = this.inputs.get(key)
    if (entry) entry.refs++
    else this.inputs.set(key, { promise: undefined as unknown as Promise<InputTrain>, refs: 1, flag: new CancelFlag() })
  }

  private inputsFor(spec: InputSpec): Promise<InputTrain> {
    const key = inputKey(spec)
    const entry = this.inputs.get(key)!
    if (!entry.promise) {
      entry.promise = this.pool.generateInputs(spec, { cancel: entry.flag })
      // A failed generation must not poison later runs: forget it so a retry starts afresh.
      entry.promise.catch(() => {
        if (this.inputs.get(key) === entry) this.inputs.delete(key)
      })
    }
    return entry.promise
  }

  private releaseInputs(spec: InputSpec): void {
    const key = inputKey(spec)
    const entry = this.inputs.get(key)
    if (!entry) return
    if (--entry.refs <= 0) {
      entry.flag.cancel()
      this.inputs.delete(key)
    }
  }

  /** Queued runs that were cancelled still hold an input reference until released here. */
  private releaseCancelledQueued(): void {
    const keep: RunRequest[] = []
    for (let i = this.head; i < this.queue.length; i++) {
      const r = this.queue[i]
      if (this.statuses.get(r.runId)?.state === 'cancelled') this.releaseInputs(inputSpecOf(r.params, r.orientation))
      else keep.push(r)
    }
    this.queue.length = 0
    this.queue.push(...keep)
    this.head = 0
    this.pump()
  }

  private setStatus(s: RunStatus): void {
    this.statuses.set(s.runId, s)
    this.pending.set(s.runId, s)
    if (s.state !== 'running' || s.progress === 0) {
      // State changes go out promptly; progress ticks ride the next batch.
      this.scheduleFlush(0)
    } else {
      this.scheduleFlush(this.opts.flushIntervalMs ?? 100)
    }
  }

  private scheduleFlush(delay: number): void {
    if (this.flushTimer !== undefined) {
      if (delay > 0) return
      clearTimeout(this.flushTimer)
    }
    this.flushTimer = setTimeout(() => this.flush(), delay)
  }

  private flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    if (this.pending.size === 0) return
    const updates = [...this.pending.values()]
    this.pending.clear()
    this.listener.onStatus(updates)
  }
}
