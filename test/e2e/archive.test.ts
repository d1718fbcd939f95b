/**
 * The app's archive buttons in Chromium on the real services: the notebook's four runs exported as
 * NWB files (per-neuron spike counts read back with h5wasm equal the runs'), and Verify reporting
 * 4/4 identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumMissing, launchWorkbench, type Workbench } from './harness'
import { readNwbSpikes } from '../../src-main/archive/nwb-reader'
import { fileStems } from '../../src-main/archive/run-archives'
import { root } from '../helpers/built'

describe.skipIf(chromiumMissing)('NWB export and Verify in the app', () => {
  let wb: Workbench
  beforeAll(async () => {
    wb = await launchWorkbench()
  }, 60_000)
  afterAll(async () => {
    await wb?.close()
  })
  const tab = (name: string) => wb.page.getByRole('tab', { name }).or(wb.page.getByRole('button', { name, exact: true })).first()

  it('exports the four runs as NWB files with their spike counts, then verifies them 4/4 identical', async () => {
    const p = wb.page
    await tab('Parameters').click()
    await p.locator('[data-field="simulation.duration_s"] input').fill('2')
    await tab('Conditions & queue').click()
    await p.locator('[data-test="preset-notebook"]').click()
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 60_000, interval: 250 }).toBe('4 / 4 done')

    const dir = join(wb.userDataDir, 'nwb-export')
    mkdirSync(dir)
    wb.dialogs.next('openDirectory', dir)
    await p.locator('[data-test="export-nwb"]').click()
    await expect.poll(() => existsSync(join(dir, 'ro-crate-metadata.json')), { timeout: 30_000 }).toBe(true)
    await expect.poll(() => p.locator('body').innerText()).toMatch(/Wrote 4 NWB files/)
    const runs = await wb.services.store.listFinished()
    const stems = fileStems(runs.map((r) => r.record.runId))
    expect(readdirSync(join(dir, 'nwb')).sort()).toEqual([...stems.values()].map((s) => `${s}.nwb`).sort())
    for (const run of runs) {
      const back = await readNwbSpikes(join(dir, 'nwb', `${stems.get(run.record.runId)}.nwb`), run.dt_ms)
      const counts = new Uint32Array(run.Ne + run.Ni)
      for (const n of run.neurons) counts[n]++
      expect(back.counts).toEqual(counts)
    }

    await p.locator('[data-test="verify-runs"]').click()
    await expect.poll(() => p.locator('body').innerText(), { timeout: 60_000 }).toMatch(/Verify: 4\/4 identical\./)
    mkdirSync(join(root, 'test-output/screenshots'), { recursive: true })
    await p.screenshot({ path: join(root, 'test-output/screenshots/archive-verify.png') })
  }, 120_000)
})
