/**
 * What leaves the app: an experiment designed in the app runs unchanged in the headless runner,
 * a bad experiment file is refused with its line, the comparison table exports as CSV, and the
 * runs export as NWB files (per-neuron spike counts read back with h5wasm) that Verify finds 4/4
 * identical.
 */
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumMissing, workbenchForSuite } from './harness'
import { builtFile, root } from '../helpers/built'
import { readNwbSpikes } from '../../src-main/archive/nwb-reader'
import { fileStems } from '../../src-main/archive/run-archives'
import { spikeCounts } from '../../src-main/archive/runs-json'

describe.skipIf(chromiumMissing)('exports from the app', () => {
  const app = workbenchForSuite()
  const tab = app.tab
  const notices = () => app.wb.page.locator('body').innerText()

  it('exports the experiment as YAML; the headless runner runs it unchanged', async () => {
    const p = app.wb.page
    await tab('Parameters').click()
    // A shorter run keeps the test quick: 2 s, stimulus unchanged.
    await p.locator('[data-field="simulation.duration_s"] input').fill('2')
    await tab('Conditions & queue').click()
    await p.locator('[data-test="preset-notebook"]').click()
    const file = join(app.wb.userDataDir, 'designed.experiment.yaml')
    app.wb.dialogs.next('saveFile', file)
    await p.locator('[data-test="export-experiment"]').click()
    await expect.poll(() => existsSync(file)).toBe(true)
    expect(readFileSync(file, 'utf8')).toMatch(/duration_s: 2\b/)
    const out = join(app.wb.userDataDir, 'cli-out')
    const r = spawnSync(process.execPath, [builtFile('out/main/cli.js'), file, '--out', out, '--gifs', 'none', '--quiet'], { encoding: 'utf8', timeout: 120_000 })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { runs: Array<{ condition: string; seed: number; mu_exc: number }> }
    expect(results.runs.map((x) => [x.condition, x.mu_exc, x.seed])).toEqual([
      ['normal', 1, 42], ['increased serotonin', 0.97, 42], ['slightly decreased serotonin', 1.01, 42], ['decreased serotonin', 1.02, 42]
    ])
  })

  it('refuses a broken experiment file with its line, and keeps the conditions', async () => {
    const p = app.wb.page
    const bad = join(app.wb.userDataDir, 'broken.yaml')
    writeFileSync(bad, 'format: serotonin-experiment\nconditions:\n  - name: x\n    mu_exc: lots\n')
    app.wb.dialogs.next('openFiles', [bad])
    await p.locator('[data-test="import-experiment"]').click()
    await expect.poll(notices).toMatch(/broken\.yaml.*line 4/)
    await expect.poll(() => p.locator('[data-test="conditions-table"] tbody tr').count()).toBe(4)
  })

  it('exports the comparison table as CSV', async () => {
    const p = app.wb.page
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 60_000, interval: 250 }).toBe('4 / 4 done')
    await tab('Compare').click()
    const csv = join(app.wb.userDataDir, 'table.csv')
    app.wb.dialogs.next('saveFile', csv)
    await p.getByRole('button', { name: 'Export table as CSV…' }).click()
    await expect.poll(() => existsSync(csv)).toBe(true)
    const text = readFileSync(csv, 'utf8')
    expect(text.split(/\r?\n/)[0]).toMatch(/condition/)
    for (const c of ['normal', 'increased serotonin', 'decreased serotonin']) expect(text).toContain(c)
  })

  it('exports the four runs as NWB files with their spike counts, then verifies them 4/4 identical', async () => {
    const p = app.wb.page
    await tab('Conditions & queue').click()
    const dir = join(app.wb.userDataDir, 'nwb-export')
    mkdirSync(dir)
    app.wb.dialogs.next('openDirectory', dir)
    await p.locator('[data-test="export-nwb"]').click()
    await expect.poll(() => existsSync(join(dir, 'ro-crate-metadata.json')), { timeout: 30_000 }).toBe(true)
    await expect.poll(notices).toMatch(/Wrote 4 NWB files/)
    const runs = await app.wb.services.store.listFinished()
    const stems = fileStems(runs.map((r) => r.record.runId))
    expect(readdirSync(join(dir, 'nwb')).sort()).toEqual([...stems.values()].map((s) => `${s}.nwb`).sort())
    for (const run of runs) {
      const back = await readNwbSpikes(join(dir, 'nwb', `${stems.get(run.record.runId)}.nwb`), run.dt_ms)
      expect(back.counts).toEqual(spikeCounts(run.neurons, run.Ne + run.Ni))
    }
    await p.locator('[data-test="verify-runs"]').click()
    await expect.poll(notices, { timeout: 60_000 }).toMatch(/Verify: 4\/4 identical\./)
    mkdirSync(join(root, 'test-output/screenshots'), { recursive: true })
    await p.screenshot({ path: join(root, 'test-output/screenshots/archive-verify.png') })
  })
})
