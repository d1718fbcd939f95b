/**
 * Early stopping in the app (Chromium, real worker threads): off by default; switched on, it is
 * saved with the project, the runs that stop early say so in the queue, Compare (whole-run
 * measures n/a, not numbers) and Rasters (the part never simulated greyed, the stop time
 * given); a reopened project still has the switch on and its runs still marked, and Verify
 * finds them identical (the reruns stop early too).
 */
import { describe, expect, it } from 'vitest'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumMissing, workbenchForSuite } from './harness'

describe.skipIf(chromiumMissing)('early stopping in the app', () => {
  const app = workbenchForSuite({ width: 1400, height: 1000 })
  const tab = app.tab

  it('is off by default; on, stopped runs are marked everywhere, and a reopened project keeps it', async () => {
    const p = app.wb.page
    const file = join(app.wb.userDataDir, 'weak.experiment.yaml')
    // mu_exc 0.9 loses the bump within 0.3 s of the stimulus's end (fast input, seed 3); mu_exc 1 holds it.
    writeFileSync(file, [
      'format: serotonin-experiment', 'version: 1', 'name: early stopping',
      'parameter_sets:', '  default: { simulation: { input_mode: fast } }',
      'conditions:',
      '  - { name: weak, mu_exc: 0.9, mu_inh: 1, orientation: 100, seed: 3, repetitions: 2 }',
      '  - { name: normal, mu_exc: 1, mu_inh: 1, orientation: 100, seed: 3, repetitions: 1 }',
      'control: normal', ''
    ].join('\n'))
    await tab('Conditions & queue').click()
    const toggle = p.locator('[data-test="early-stop"]')
    expect(await toggle.isChecked()).toBe(false)
    app.wb.dialogs.next('openFiles', [file])
    await p.locator('[data-test="import-experiment"]').click()
    await expect.poll(() => p.locator('body').innerText()).toMatch(/Imported 2 conditions/)
    await toggle.check()
    await expect.poll(() => p.locator('[data-test="unsaved-mark"]').count()).toBe(1)
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 60_000, interval: 300 }).toBe('3 / 3 done')
    const rows = p.locator('.queue-row')
    const details = await rows.evaluateAll((els) => els.map((e) => [e.querySelector('[data-test="queue-run-name"]')?.textContent, e.querySelector('.detail')?.textContent]))
    const weak = details.filter(([n]) => n?.startsWith('weak'))
    expect(weak).toHaveLength(2)
    for (const [, d] of weak) expect(d).toMatch(/bump 0\.\d\d s · stopped early at 1\.\d\d s · ran/)
    expect(details.find(([n]) => n?.startsWith('normal'))?.[1]).not.toMatch(/stopped early/)

    await tab('Compare').click()
    const table = p.locator('[data-testid="comparison-table"]')
    await expect.poll(() => table.count(), { timeout: 10_000 }).toBe(1)
    const weakRow = (measure: string) => table.locator(`tbody[data-measure="${measure}"] tr[data-condition="weak"]`)
    expect(await weakRow('termination').locator('[data-test="stopped-early"]').innerText()).toBe('2 of 2 stopped early')
    expect(await table.locator('tbody[data-measure="termination"] tr[data-condition="normal"] [data-test="stopped-early"]').count()).toBe(0)
    expect(await weakRow('termination').locator('td').nth(1).innerText()).toMatch(/^0\.\d+/)
    expect(await weakRow('exc_rate').locator('td').nth(1).innerText()).toBe('n/a')
    expect(await table.locator('tbody[data-measure="exc_rate"] tr[data-condition="normal"] td').nth(1).innerText()).toMatch(/^\d+\.\d+/)

    await tab('Rasters').click()
    await p.locator('[data-testid="picker-condition"]').selectOption('weak')
    expect(await p.locator('[data-testid="run-picker"] [data-test="picker-stopped-early"]').count()).toBe(2)
    await p.locator('[data-testid="run-picker"] input[type="checkbox"]').first().check()
    const panel = p.locator('[data-testid="raster-panel"]').first()
    await expect.poll(() => panel.count(), { timeout: 10_000 }).toBe(1)
    expect(Number(await panel.getAttribute('data-stopped-early-at'))).toBeGreaterThan(1.25)
    expect(await panel.innerText()).toMatch(/stopped early at 1\.\d\d s/)

    const project = join(app.wb.userDataDir, 'early.satproj')
    app.wb.dialogs.next('saveFile', project)
    await p.locator('header button', { hasText: 'Save' }).first().click()
    await expect.poll(() => existsSync(project), { timeout: 20_000 }).toBe(true)
    await expect.poll(() => p.locator('[data-test="unsaved-mark"]').count()).toBe(0)
    await app.wb.reload()
    await app.wb.services.store.clear()
    app.wb.dialogs.next('openFiles', [project])
    await p.evaluate(() => {
      const w = window as unknown as { __workbenchEmit(ch: string, text: string): void }
      w.__workbenchEmit('menu:command', JSON.stringify({ command: 'open' }))
    })
    await expect.poll(() => p.locator('body').innerText(), { timeout: 30_000 }).toMatch(/3 finished runs in project/)
    await tab('Conditions & queue').click()
    expect(await p.locator('[data-test="early-stop"]').isChecked()).toBe(true)
    // Verify reruns each run as it was made: the stopped ones stop again, so all are identical.
    await p.locator('[data-test="verify-runs"]').click()
    await expect.poll(() => p.locator('body').innerText(), { timeout: 60_000 }).toMatch(/Verify: 3\/3 identical\./)
    await tab('Compare').click()
    await expect.poll(() => p.locator('[data-testid="comparison-table"] tbody[data-measure="termination"] tr[data-condition="weak"] [data-test="stopped-early"]').innerText(), { timeout: 10_000 }).toBe('2 of 2 stopped early')
  }, 120_000)
})
