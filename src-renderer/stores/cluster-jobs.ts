/**
 * Cluster jobs the user follows: each folder's latest status as the main process pushes it
 * ('cluster:job'), and the actions on it. Imported runs go to the runs store as one undoable step.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ClusterJobStatus } from '../../src-shared/ipc/contract'
import { api } from '../api'
import { useRunsStore } from './runs'
import { useNoticesStore } from './notices'

/** What an action has to tell the user: a failure, a result, or nothing (cancelled). */
export type Said = { error?: string; info?: string } | null

export function tell(said: Said): void {
  const notices = useNoticesStore()
  if (said?.error) notices.error(said.error)
  if (said?.info) notices.info(said.info)
}

export const useClusterJobsStore = defineStore('clusterJobs', () => {
  /** Newest first. */
  const jobs = ref<ClusterJobStatus[]>([])
  let subscribed = false

  function put(status: ClusterJobStatus): void {
    jobs.value = [status, ...jobs.value.filter((j) => j.folder !== status.folder)]
  }

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    api().on('cluster:job', ({ status }) => {
      // Only folders the user follows; a late event for a closed one is dropped.
      const before = jobs.value.find((j) => j.folder === status.folder)
      if (!before) return
      put(status)
      // A followed job that has just ended with every shard there comes into the project at once.
      if (before.active && !status.active && status.missing.length === 0) {
        void importRuns(status.folder).then(tell)
      }
    })
  }

  /** Follows `folder` (one the app wrote), or one the user picks; null when cancelled, else an error sentence or ''. */
  async function follow(folder?: string): Promise<string | null> {
    subscribe()
    const res = await api().invoke('cluster:follow', folder === undefined ? {} : { folder })
    if (res.ok) {
      put(res.status)
      return ''
    }
    return 'cancelled' in res ? null : res.message
  }

  /** Stops showing and polling the folder (the job goes on on the cluster). */
  async function close(folder: string): Promise<void> {
    jobs.value = jobs.value.filter((j) => j.folder !== folder)
    await api().invoke('cluster:unfollow', { folder })
  }

  async function cancel(folder: string): Promise<string> {
    const res = await api().invoke('cluster:cancel', { folder })
    if (!res.ok) return res.message
    return res.cancelled ? '' : 'kept'
  }

  async function resume(folder: string): Promise<Said> {
    const res = await api().invoke('cluster:resume', { folder })
    return res.ok ? { info: `Resubmitted task${res.tasks.length === 1 ? '' : 's'} ${res.tasks.join(', ')} as Slurm job ${res.jobId}.` } : { error: res.message }
  }

  /** Imports a followed folder's runs (or a folder the user picks); returns a sentence for the user, null when cancelled. */
  async function importRuns(folder?: string): Promise<Said> {
    const res = await api().invoke('cluster:import', folder === undefined ? {} : { folder })
    if (!res.ok) return 'cancelled' in res ? null : { error: res.message }
    const n = res.records.length
    if (n === 0) return { info: `All ${res.skipped} runs of the cluster job in ${res.folder} are already in the project.` }
    const what = `${n} run${n === 1 ? '' : 's'} of the cluster job in ${res.folder}`
    useRunsStore().addImported(res.records, res.conditionParameters, what)
    const parts = [`Imported ${what}`]
    if (res.skipped) parts.push(`${res.skipped} already in the project`)
    if (res.failed) parts.push(`${res.failed} failed on the cluster and are not included`)
    return { info: `${parts.join('; ')}.` }
  }

  /** Follows again the folders followed when the app last quit: a cluster job outlives a session. */
  async function restore(): Promise<Said> {
    const { folders } = await api().invoke('cluster:followed')
    const errors: string[] = []
    for (const folder of folders) {
      const error = await follow(folder)
      if (error) errors.push(error)
    }
    return errors.length ? { error: `Could not follow again: ${errors.join(' ')}` } : null
  }

  return { jobs, follow, close, cancel, resume, importRuns, restore }
})
