/**
 * "Run all": checks the conditions and the parameter sets they use, expands every repetition
 * and queues them under a fresh batch prefix. Returns the number queued, or the problem.
 */
import { expandRuns } from '../../src-shared/experiment/expand'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import { firstConditionProblem } from '../document/condition-checks'
import { parameterSetProblem } from '../document/document-problems'
import { useProjectStore } from '../stores/project'
import { useRunsStore } from '../stores/runs'
import { useDraftsStore } from '../stores/drafts'
import { nextBatchPrefix } from './batch-prefix'

export type RunAllResult = { ok: true; queued: number; prefix: string } | { ok: false; message: string }

/** The enqueue channel accepts this many runs per call. */
export const MAX_RUNS_PER_BATCH = 20_000

/** Why Run all cannot run these conditions now, or null. The button shows it and stays disabled. */
export function runAllProblem(exp: ExperimentSpec): string | null {
  if (exp.conditions.length === 0) return 'There are no conditions to run: add one or pick a preset.'
  const rowProblem = firstConditionProblem(exp.conditions, Object.keys(exp.parameterSets))
  if (rowProblem) return rowProblem
  const typed = useDraftsStore().problemIn(exp.conditions.map((c) => c.parameterSet))
  if (typed) return typed
  for (const setName of new Set(exp.conditions.map((c) => c.parameterSet))) {
    const problem = parameterSetProblem(setName, exp.parameterSets[setName])
    if (problem) return problem
  }
  const total = exp.conditions.reduce((n, c) => n + c.repetitions, 0)
  if (total > MAX_RUNS_PER_BATCH) return `These conditions make ${total} runs; one batch is limited to ${MAX_RUNS_PER_BATCH}: lower the repetitions.`
  return null
}

export async function runAll(): Promise<RunAllResult> {
  const project = useProjectStore()
  const runs = useRunsStore()
  const exp = project.experiment()
  const blocked = runAllProblem(exp)
  if (blocked) return { ok: false, message: blocked }
  const prefix = nextBatchPrefix(runs.knownRunIds())
  let requests
  try {
    requests = expandRuns(exp, prefix)
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) }
  }
  const problem = await runs.enqueue(requests)
  return problem ? { ok: false, message: problem } : { ok: true, queued: requests.length, prefix }
}
