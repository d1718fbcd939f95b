/**
 * Runs the user removes in the app leave the saved project and the raster channel, but stay in
 * the store until the project is replaced, so the removal can be undone with nothing lost.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RunStore } from '../../src-main/runs/run-store'
import { archivedRun } from '../helpers/project-fixtures'

let cache: string
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'run-store-removed-'))
})
afterAll(async () => {
  await rm(cache, { recursive: true, force: true })
})

it('removes runs from what is saved and puts them back intact; replacing the project forgets them', async () => {
  // A budget of 500 spikes spills some runs to disk: removal and undo must keep those too.
  const store = new RunStore(cache, 500)
  const runs = [0, 1, 2, 3].map((i) => archivedRun(i, 300))
  for (const r of runs) await store.add(r)
  expect(await store.setRemoved(['run-1', 'run-3', 'missing'], true)).toBe(2)
  expect((await store.listFinished()).map((r) => r.record.runId)).toEqual(['run-0', 'run-2'])
  expect(await store.get('run-1')).toBeUndefined()
  expect(await store.setRemoved(['run-1', 'run-3'], false)).toBe(2)
  const back = await store.listFinished()
  expect(back.map((r) => r.record.runId)).toEqual(['run-0', 'run-2', 'run-1', 'run-3'])
  expect(back[3].steps).toEqual(runs[3].steps)
  expect(back[2].neurons).toEqual(runs[1].neurons)
  await store.setRemoved(['run-0'], true)
  await store.replaceAll([runs[2]])
  expect(await store.setRemoved(['run-0'], false)).toBe(0)
  expect((await store.listFinished()).map((r) => r.record.runId)).toEqual(['run-2'])
})
