import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { ArchivedRun, RunArchive } from '../project/run-archive'

interface Entry {
  run: ArchivedRun
  /** Where the spikes went when they were spilled out of memory. */
  spilledTo?: string
  spikes: number
}

/**
 * Finished runs of the session. Records stay in memory; spike arrays beyond a budget are spilled
 * to a private cache folder (oldest first) and read back on demand, so a 1,000-run batch keeps
 * memory bounded. Implements RunArchive for project save/open.
 */
export class RunStore implements RunArchive {
  private readonly entries = new Map<string, Entry>()
  /** Runs the user removed, kept until the project is replaced so the removal can be undone. */
  private readonly removed = new Map<string, Entry>()
  private inMemorySpikes = 0
  private readonly dir: string

  constructor(
    cacheRoot: string,
    private readonly budgetSpikes = 20_000_000
  ) {
    this.dir = join(cacheRoot, `session-${process.pid}-${randomBytes(3).toString('hex')}`)
  }

  get size(): number {
    return this.entries.size
  }

  get spikesInMemory(): number {
    return this.inMemorySpikes
  }

  /** Mutations run one at a time: two overlapping spill passes would spill the same run twice. */
  private queue: Promise<unknown> = Promise.resolve()

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }

  add(run: ArchivedRun): Promise<void> {
    return this.serial(async () => {
      await this.removeNow(run.record.runId)
      this.entries.set(run.record.runId, { run, spikes: run.steps.length })
      this.inMemorySpikes += run.steps.length
      await this.spillIfNeeded()
    })
  }

  has(runId: string): boolean {
    return this.entries.has(runId)
  }

  /** The run with its spikes (read back from the cache if they were spilled). */
  async get(runId: string): Promise<ArchivedRun | undefined> {
    const e = this.entries.get(runId)
    if (!e) return undefined
    if (!e.spilledTo) return e.run
    const bytes = await readFile(e.spilledTo)
    const n = e.spikes
    const steps = new Uint32Array(n)
    const neurons = new Uint16Array(n)
    new Uint8Array(steps.buffer).set(bytes.subarray(0, n * 4))
    new Uint8Array(neurons.buffer).set(bytes.subarray(n * 4, n * 6))
    return { ...e.run, steps, neurons }
  }

  remove(runId: string): Promise<boolean> {
    return this.serial(() => this.removeNow(runId))
  }

  /**
   * Takes runs out of the project (not saved, no raster) or puts them back (after the others);
   * returns how many changed.
   */
  setRemoved(runIds: readonly string[], removed: boolean): Promise<number> {
    return this.serial(async () => {
      const [from, to] = removed ? [this.entries, this.removed] : [this.removed, this.entries]
      let n = 0
      for (const id of runIds) {
        const e = from.get(id)
        if (!e) continue
        from.delete(id)
        to.set(id, e)
        n++
      }
      return n
    })
  }

  private async removeNow(runId: string): Promise<boolean> {
    const e = this.entries.get(runId) ?? this.removed.get(runId)
    if (!e) return false
    this.entries.delete(runId)
    this.removed.delete(runId)
    if (e.spilledTo) await rm(e.spilledTo, { force: true })
    else this.inMemorySpikes -= e.spikes
    return true
  }

  async listFinished(): Promise<ArchivedRun[]> {
    const out: ArchivedRun[] = []
    for (const id of this.entries.keys()) out.push((await this.get(id))!)
    return out
  }

  async replaceAll(runs: ArchivedRun[]): Promise<void> {
    await this.clear()
    for (const r of runs) await this.add(r)
  }

  clear(): Promise<void> {
    return this.serial(async () => {
      this.entries.clear()
      this.removed.clear()
      this.inMemorySpikes = 0
      await rm(this.dir, { recursive: true, force: true })
    })
  }

  private async spillIfNeeded(): Promise<void> {
    if (this.inMemorySpikes <= this.budgetSpikes) return
    await mkdir(this.dir, { recursive: true })
    for (const [id, e] of this.entries) {
      if (this.inMemorySpikes <= this.budgetSpikes / 2) break
      if (e.spilledTo) continue
      const path = join(this.dir, `${encodeURIComponent(id)}.spikes`)
      const bytes = new Uint8Array(e.spikes * 6)
      bytes.set(new Uint8Array(e.run.steps.buffer, e.run.steps.byteOffset, e.spikes * 4), 0)
      bytes.set(new Uint8Array(e.run.neurons.buffer, e.run.neurons.byteOffset, e.spikes * 2), e.spikes * 4)
      await writeFile(path, bytes)
      e.spilledTo = path
      e.run = { ...e.run, steps: new Uint32Array(0), neurons: new Uint16Array(0) }
      this.inMemorySpikes -= e.spikes
    }
  }
}
