/**
 * RunStore under concurrent adds, as the runs service makes them (each finished run is stored
 * without waiting for the previous add). Were two spill passes to run at once, both would write
 * and subtract the same run, the count of in-memory spikes would drift below the truth and
 * memory would no longer be bounded; the store serialises its mutations to prevent that.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RunStore } from '../../src-main/runs/run-store'
import { archivedRun } from '../helpers/project-fixtures'

let cache: string
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'run-store-race-'))
})
afterAll(async () => {
  await rm(cache, { recursive: true, force: true })
})

async function spilledSpikes(dir: string): Promise<number> {
  let bytes = 0
  for (const session of await readdir(dir)) for (const f of await readdir(join(dir, session))) bytes += (await stat(join(dir, session, f))).size
  return bytes / 6
}

it('keeps its spike count true and within budget when runs are added concurrently', async () => {
  const budget = 1000
  const store = new RunStore(cache, budget)
  const runs = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => archivedRun(i, 400))
  await Promise.all(runs.map((r) => store.add(r)))
  const inMemory = runs.length * 400 - (await spilledSpikes(cache))
  // Whatever happened, nothing is lost.
  for (const r of runs) expect((await store.get(r.record.runId))!.steps).toEqual(r.steps)
  expect(store.spikesInMemory).toBe(inMemory)
  expect(inMemory).toBeLessThanOrEqual(budget)
})
