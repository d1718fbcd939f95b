// @vitest-environment jsdom
import { describe, expect, test } from 'vitest'
import { UndoHistory } from '../../src-renderer/document/undo-history'
import { estimateQueue, formatDuration } from '../../src-renderer/queue/estimate'
import { nextBatchPrefix } from '../../src-renderer/queue/batch-prefix'
import { CONDITION_LIMITS, checkConditionNumber, conditionProblems, firstConditionProblem } from '../../src-renderer/document/condition-checks'
import { conditionGuard } from '../../src-shared/ipc/payloads'
import { notebookConditions } from '../../src-shared/experiment/presets'
import { importedSetName } from '../../src-renderer/components/params/import-naming'
import { parseTyped } from '../../src-renderer/components/params/field-text'
import { uniqueName } from '../../src-renderer/document/content'
import type { RunStatus } from '../../src-shared/ipc/contract'

describe('UndoHistory', () => {
  test('undoes and redoes snapshots in order', () => {
    const h = new UndoHistory('a')
    h.record('b')
    h.record('c')
    expect(h.undo()).toBe('b')
    expect(h.undo()).toBe('a')
    expect(h.undo()).toBeNull()
    expect(h.redo()).toBe('b')
    h.record('d')
    expect(h.canRedo).toBe(false)
    expect(h.undo()).toBe('b')
  })

  test('coalesces edits of the same field within the window, not across fields or after a pause', () => {
    let t = 0
    const h = new UndoHistory('0', { now: () => t, coalesceMs: 500 })
    h.record('1', 'x')
    t = 200
    h.record('10', 'x')
    t = 400
    h.record('100', 'x')
    expect(h.depth).toBe(1)
    t = 450
    h.record('100;y', 'y')
    expect(h.depth).toBe(2)
    t = 2000
    h.record('100;yy', 'y')
    expect(h.depth).toBe(3)
    expect(h.undo()).toBe('100;y')
    expect(h.undo()).toBe('100')
    expect(h.undo()).toBe('0')
  })

  test('keeps at most `limit` steps and ignores no-op records', () => {
    const h = new UndoHistory('s0', { limit: 3 })
    h.record('s0')
    expect(h.canUndo).toBe(false)
    for (let i = 1; i <= 5; i++) h.record(`s${i}`)
    expect(h.depth).toBe(3)
    expect([h.undo(), h.undo(), h.undo(), h.undo()]).toEqual(['s4', 's3', 's2', null])
  })
})

describe('estimateQueue', () => {
  const st = (runId: string, state: RunStatus['state'], extra: Partial<RunStatus> = {}): RunStatus => ({ runId, state, progress: 0, queuedAt: 0, ...extra })

  test('counts states, progress and time left from finished durations and threads', () => {
    const e = estimateQueue(
      [
        st('a', 'done', { startedAt: 0, finishedAt: 10_000 }),
        st('b', 'done', { startedAt: 0, finishedAt: 30_000 }),
        st('c', 'running', { progress: 0.5 }),
        st('d', 'queued'),
        st('e', 'queued'),
        st('f', 'failed')
      ],
      2
    )
    expect(e).toMatchObject({ total: 6, done: 2, running: 1, queued: 2, failed: 1, cancelled: 0 })
    expect(e.fraction).toBeCloseTo((3 + 0.5) / 6)
    // 2.5 runs of work at 20 s each over 2 threads.
    expect(e.remainingMs).toBeCloseTo(25_000)
  })

  test('has no estimate before a run has finished, and none when nothing is left', () => {
    expect(estimateQueue([st('a', 'queued')], 4).remainingMs).toBeNull()
    expect(estimateQueue([st('a', 'done', { startedAt: 0, finishedAt: 5 })], 4).remainingMs).toBeNull()
    expect(estimateQueue([], 4)).toMatchObject({ total: 0, fraction: 0 })
  })

  test('formats durations', () => {
    expect(formatDuration(4_400)).toBe('4 s')
    expect(formatDuration(125_000)).toBe('2 min 05 s')
    expect(formatDuration(3_725_000)).toBe('1 h 02 min')
  })
})

test('nextBatchPrefix follows the largest batch number seen', () => {
  expect(nextBatchPrefix([])).toBe('b1:')
  expect(nextBatchPrefix(['b1:normal#1', 'b12:x#3'], ['normal#1', 'b3:y#1'])).toBe('b13:')
})

describe('condition checks', () => {
  test('agree with the IPC conditionGuard at every boundary', () => {
    const base = notebookConditions()[0]
    for (const [field, l] of Object.entries(CONDITION_LIMITS) as Array<[keyof typeof CONDITION_LIMITS, (typeof CONDITION_LIMITS)['seed']]>) {
      const candidates = [l.min, l.max, l.min - 1e-6, l.max + 1e-6, l.min - 1, l.max + 1, (l.min + l.max) / 2 + 0.5, NaN]
      for (const v of candidates) {
        let guardOk = true
        try {
          conditionGuard.check({ ...base, [field]: v }, '')
        } catch {
          guardOk = false
        }
        expect([field, v, checkConditionNumber(field, v) === null]).toEqual([field, v, guardOk])
      }
    }
  })

  test('flag duplicate names and missing parameter sets per row', () => {
    const rows = notebookConditions()
    rows[2] = { ...rows[2], name: 'normal', parameterSet: 'nope', mu_exc: 11 }
    const p = conditionProblems(rows, ['default'])
    expect(p[0].name).toMatch(/Two conditions are named 'normal'/)
    expect(p[1]).toEqual({})
    expect(p[2].parameterSet).toMatch(/no parameter set 'nope'/)
    expect(p[2].mu_exc).toBe('mu_exc = 11 must be between 0 and 10')
    expect(firstConditionProblem(rows, ['default'])).toMatch(/^Condition 1 \('normal'\): Two conditions/)
    expect(firstConditionProblem(notebookConditions(), ['default'])).toBeNull()
  })
})

test('imported set names come from the file, or the folder of six files', () => {
  expect(importedSetName(['/data/study/fast.yaml'])).toBe('fast')
  expect(importedSetName(['C:\\p\\ref\\RS.yaml', 'C:\\p\\ref\\FS.yaml'])).toBe('ref')
  expect(importedSetName(['/a/RS.yaml', '/b/FS.yaml'])).toBe('imported')
})

test('typed text is read as a number, or kept as text for the message', () => {
  expect(parseTyped(' 1e3 ')).toBe(1000)
  expect(parseTyped('')).toBeUndefined()
  expect(parseTyped('abc')).toBe('abc')
  expect(parseTyped('NaN')).toBeNaN()
})

test('uniqueName appends the first free number', () => {
  expect(uniqueName('set', [])).toBe('set')
  expect(uniqueName('set', ['set', 'set 2'])).toBe('set 3')
})
