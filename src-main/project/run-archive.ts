/**
 * What the project service needs from the run queue's store of finished runs: everything for
 * saving, and a wholesale replacement when a project is opened. The run queue implements it;
 * MemoryRunArchive is the plain in-memory version for tests and the CLI.
 */
import type { RunRecord } from '../../src-shared/ipc/contract'
import type { ParameterSet } from '../../src-shared/params/types'

export interface ArchivedRun {
  record: RunRecord
  /** The resolved parameter set the run was simulated with. */
  params: ParameterSet
  steps: Uint32Array
  neurons: Uint16Array
  nSteps: number
  Ne: number
  Ni: number
  dt_ms: number
}

export interface RunArchive {
  /** Every finished run with its spikes, in the order they should be saved. */
  listFinished(): Promise<ArchivedRun[]>
  /** Drops every stored run and keeps these instead (opening a project). */
  replaceAll(runs: ArchivedRun[]): Promise<void>
  clear(): Promise<void>
}

export class MemoryRunArchive implements RunArchive {
  private runs: ArchivedRun[] = []

  constructor(initial: ArchivedRun[] = []) {
    this.runs = [...initial]
  }

  async listFinished(): Promise<ArchivedRun[]> {
    return [...this.runs]
  }

  async replaceAll(runs: ArchivedRun[]): Promise<void> {
    this.runs = [...runs]
  }

  async clear(): Promise<void> {
    this.runs = []
  }
}
