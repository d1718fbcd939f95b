/**
 * Runs as the renderer knows them: the live status of every queued run and the record of every
 * finished one. Spikes stay in the main process; rasters are fetched on demand (runs:getRaster).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { RunRecord, RunStatus } from '../../src-shared/ipc/contract'
import type { RunRequest } from '../../src-shared/experiment/types'
import type { ParameterSet } from '../../src-shared/params/types'
import { conditionParametersSha256 } from '../../src-shared/params/canonical'
import { api } from '../api'

/** Runs taken out of the project, or brought in from a cluster job, newest last, so it can be undone. */
export interface Removal {
  records: RunRecord[]
  /** What the user removed or imported, for the undo prompt. */
  what: string
  /** 'imported': undo takes the runs out again. */
  kind?: 'removed' | 'imported'
}

export const useRunsStore = defineStore('runs', () => {
  /** Insertion-ordered; shallow because 10^3 entries are replaced whole, never mutated deeply. */
  const statuses = shallowRef(new Map<string, RunStatus>())
  /**
   * Replaced by a new Map on every change, never mutated in place: anything that watches or
   * computes from it (Compare, Rasters, the status bar, kept-alive or not) sees each new value.
   */
  const records = shallowRef(new Map<string, RunRecord>())
  /** A resolved parameter set for each conditionSha256 known (to say how groups of runs differ). */
  const conditionParams = shallowRef(new Map<string, ParameterSet>())
  const removals = shallowRef<Removal[]>([])
  const requests = new Map<string, RunRequest>()
  const threads = ref(1)
  const maxThreads = ref(1)
  let subscribed = false

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    api().on('runs:status', ({ updates }) => {
      for (const u of updates) statuses.value.set(u.runId, u)
      triggerRef(statuses)
    })
    api().on('runs:finished', ({ record }) => {
      records.value = new Map(records.value).set(record.runId, record)
    })
  }

  async function loadThreads(): Promise<void> {
    const t = await api().invoke('runs:getThreads')
    threads.value = t.threads
    maxThreads.value = t.max
  }

  async function setThreads(n: number): Promise<void> {
    threads.value = (await api().invoke('runs:setThreads', { threads: n })).threads
  }

  async function enqueue(runs: RunRequest[]): Promise<string | null> {
    subscribe()
    let params: Map<string, ParameterSet> | null = null
    for (const r of runs) {
      requests.set(r.runId, r)
      const sha = conditionParametersSha256(r.params)
      if (!conditionParams.value.has(sha) && !params?.has(sha)) (params ??= new Map(conditionParams.value)).set(sha, r.params)
    }
    if (params) conditionParams.value = params
    const res = await api().invoke('runs:enqueue', { runs })
    if (!res.ok) return res.message
    // Shown as queued at once; the main process's own status events overwrite these.
    const now = Date.now()
    let added = false
    for (const r of runs) {
      const s = statuses.value.get(r.runId)
      if (!s || s.state === 'failed' || s.state === 'cancelled') {
        statuses.value.set(r.runId, { runId: r.runId, state: 'queued', progress: 0, queuedAt: now })
        added = true
      }
    }
    if (added) triggerRef(statuses)
    return null
  }

  /** The request a run was queued with (this session only). */
  function requestFor(runId: string): RunRequest | undefined {
    return requests.get(runId)
  }

  /** Every run id the renderer knows: queued this session, with a status, or finished. */
  function knownRunIds(): string[] {
    return [...new Set([...requests.keys(), ...statuses.value.keys(), ...records.value.keys()])]
  }

  async function cancel(runIds: string[]): Promise<void> {
    await api().invoke('runs:cancel', { runIds })
  }

  async function cancelAll(): Promise<void> {
    await api().invoke('runs:cancelAll')
  }

  /** Re-queue failed or cancelled runs with the request they were first queued with. */
  async function retry(runIds: string[]): Promise<string | null> {
    const again = runIds.map((id) => requests.get(id)).filter((r): r is RunRequest => r !== undefined)
    return again.length ? enqueue(again) : null
  }

  /**
   * Takes finished runs out of the project (they stay restorable in the main process until the
   * project is replaced); undo() puts the last removal back.
   */
  async function remove(runIds: readonly string[], what: string): Promise<void> {
    const taken = runIds.map((id) => records.value.get(id)).filter((r): r is RunRecord => r !== undefined)
    if (!taken.length) return
    await api().invoke('runs:setRemoved', { runIds: taken.map((r) => r.runId), removed: true })
    const next = new Map(records.value)
    for (const r of taken) next.delete(r.runId)
    records.value = next
    removals.value = [...removals.value, { records: taken, what }]
  }

  async function undoRemove(): Promise<void> {
    const last = removals.value[removals.value.length - 1]
    if (!last) return
    const putBack = last.kind !== 'imported'
    await api().invoke('runs:setRemoved', { runIds: last.records.map((r) => r.runId), removed: !putBack })
    removals.value = removals.value.slice(0, -1)
    const next = new Map(records.value)
    for (const r of last.records) {
      if (putBack) next.set(r.runId, r)
      else next.delete(r.runId)
    }
    records.value = next
  }

  /** Finished runs the main process has added to the project (a cluster job's), as one undoable step. */
  function addImported(newRecords: RunRecord[], newParams: Record<string, ParameterSet>, what: string): void {
    if (!newRecords.length) return
    const params = new Map(conditionParams.value)
    for (const [sha, p] of Object.entries(newParams)) if (!params.has(sha)) params.set(sha, p)
    conditionParams.value = params
    const next = new Map(records.value)
    for (const r of newRecords) next.set(r.runId, r)
    records.value = next
    removals.value = [...removals.value, { records: newRecords, what, kind: 'imported' }]
  }

  /** Replace everything (a project was opened or a new one started). */
  function reset(newRecords: RunRecord[] = [], newParams: Record<string, ParameterSet> = {}): void {
    statuses.value = new Map()
    conditionParams.value = new Map(Object.entries(newParams))
    records.value = new Map(newRecords.map((r) => [r.runId, r]))
    removals.value = []
    requests.clear()
  }

  const finished = computed(() => [...records.value.values()])
  const counts = computed(() => {
    const c = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 }
    for (const s of statuses.value.values()) c[s.state]++
    return c
  })

  return { statuses, records, conditionParams, removals, remove, undoRemove, addImported, threads, maxThreads, finished, counts, subscribe, loadThreads, setThreads, enqueue, cancel, cancelAll, retry, reset, requestFor, knownRunIds }
})
