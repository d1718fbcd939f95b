/** What export and verify report, in the app (IPC responses) and the headless runner alike. */

export type VerifyStatus = 'identical' | 'different' | 'not-verifiable'

export interface VerifyVerdict {
  runId: string
  status: VerifyStatus
  /** One sentence: what was compared, or why it could not be. */
  message: string
  firstDifference?: { neuron: number; step: number; timeS: number }
}

export interface VerifyReport {
  verdicts: VerifyVerdict[]
  counts: Record<VerifyStatus, number>
}

export interface ArchiveFileTiming {
  runId: string
  /** Relative to the output folder. */
  file: string
  bytes: number
  ms: number
}
