/**
 * Compare never shows stale or pooled numbers (issue 10): opened before any run finished, it
 * follows every run as it arrives (table, count, CSV); runs of a condition re-run with edited
 * parameters form their own group, labelled with what differs, numbered uniquely in the raster
 * picker; groups can be hidden, removed and put back.
 */
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromiumMissing, workbenchForSuite } from './harness'
import { formatTwoProject } from '../helpers/project-fixtures'

const NOTEBOOK = ['normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin']

describe.skipIf(chromiumMissing)('Compare with live, unpooled runs', () => {
  const app = workbenchForSuite()
  const tab = app.tab
  const count = () => app.wb.page.locator('[data-testid="compare-count"]').innerText().catch(() => '')
  const terminationRows = () =>
    app.wb.page.locator('[data-testid="comparison-table"] tbody[data-measure="termination"] tr[data-condition]').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-condition'), r.querySelectorAll('td')[0]?.textContent?.trim()])
    )

  it('opened before the runs, Compare shows every run as it finishes, and exports them', async () => {
    const p = app.wb.page
    await tab('Parameters').click()
    await p.locator('[data-field="simulation.duration_s"] input').fill('2')
    await tab('Compare').click()
    await expect.poll(() => p.locator('[data-testid="compare-empty"]').count()).toBe(1)
    await tab('Conditions & queue').click()
    await p.locator('[data-test="preset-notebook"]').click()
    await p.locator('[data-test="run-all"]').click()
    // Back to Compare while the runs are still queued or running: it must fill in by itself.
    await tab('Compare').click()
    await expect.poll(async () => (await terminationRows()).map((r) => r[0]), { timeout: 60_000, interval: 200 }).toEqual(NOTEBOOK)
    expect(await count()).toMatch(/^4 finished runs in 4 conditions/)
    const csv = join(app.wb.userDataDir, 'live.csv')
    app.wb.dialogs.next('saveFile', csv)
    await p.getByRole('button', { name: 'Export table as CSV…' }).click()
    await expect.poll(() => existsSync(csv)).toBe(true)
    const lines = readFileSync(csv, 'utf8').trim().split('\n')
    const conditions = new Set(lines.slice(1).map((l) => l.split(',')[0]))
    expect([...conditions]).toEqual(NOTEBOOK)
  })

  it('runs with an edited parameter set are a separate group, labelled with what differs, never pooled', async () => {
    const p = app.wb.page
    await tab('Parameters').click()
    await p.locator('[data-field="synaptic_weights.j_ee"] input').fill('0.9')
    await tab('Conditions & queue').click()
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 60_000, interval: 250 }).toBe('8 / 8 done')
    await tab('Compare').click()
    await expect.poll(async () => (await terminationRows()).map((r) => r[0])).toEqual(NOTEBOOK.flatMap((c) => [c, `${c} · j_ee 0.9`]))
    expect(await count()).toMatch(/^8 finished runs in 8 conditions/)
    const rows = await terminationRows()
    // Every group holds exactly its one run.
    expect(rows.map((r) => r[1])).toEqual(new Array(8).fill('1'))
    await tab('Rasters').click()
    const options = await p.locator('[data-testid="picker-condition"] option').allInnerTexts()
    expect(options).toContain('normal (1)')
    expect(options).toContain('normal · j_ee 0.9 (1)')
    // Shown side by side, the two runs are told apart by their group, not both "normal #1".
    for (const group of ['normal', 'normal · j_ee 0.9']) {
      await p.locator('[data-testid="picker-condition"]').selectOption(group)
      await p.locator('[data-testid="run-picker"] input[type="checkbox"]').first().check()
    }
    await expect.poll(() => p.locator('[data-testid="raster-panel"] h3').allInnerTexts()).toEqual([
      expect.stringMatching(/^normal #1 — termination/),
      expect.stringMatching(/^normal · j_ee 0\.9 #1 — termination/)
    ])
  })

  it('hides a group from the comparison, removes it from the project, and undoes the removal', async () => {
    const p = app.wb.page
    await tab('Compare').click()
    const list = p.locator('[data-testid="group-list"]')
    await list.locator('summary').click()
    const edited = list.locator('li[data-group="normal · j_ee 0.9"]')
    await edited.locator('input[type="checkbox"]').uncheck()
    await expect.poll(count).toMatch(/^7 finished runs in 7 conditions \(1 runs in 1 hidden\)/)
    expect((await terminationRows()).map((r) => r[0])).not.toContain('normal · j_ee 0.9')
    await edited.locator('input[type="checkbox"]').check()
    await expect.poll(count).toMatch(/^8 finished runs in 8 conditions/)

    await edited.getByRole('button', { name: /Remove the 1 runs of normal · j_ee 0\.9/ }).click()
    await expect.poll(count).toMatch(/^7 finished runs in 7 conditions/)
    await expect.poll(() => p.locator('footer, .status-bar, body').first().innerText()).toMatch(/7 finished runs in project/)
    // The main process no longer saves it...
    expect((await app.wb.services.store.listFinished()).length).toBe(7)
    await p.locator('[data-testid="undo-remove"]').click()
    await expect.poll(count).toMatch(/^8 finished runs in 8 conditions/)
    // ...and has it back after the undo.
    expect((await app.wb.services.store.listFinished()).length).toBe(8)
  })

  it('opens a format-2 project: its runs are grouped by the parameters they were stored with', async () => {
    const p = app.wb.page
    // Runs 0 and 2 are both 'normal' but ran with mu_exc 0.97 and 0.99 (format 2 had no hashes).
    const file = join(app.wb.userDataDir, 'old-format.satproj')
    writeFileSync(file, gzipSync(JSON.stringify(formatTwoProject(3))))
    app.wb.dialogs.next('openFiles', [file])
    await p.evaluate(() => {
      const w = window as unknown as { __workbenchEmit(ch: string, text: string): void }
      // Discarding the unsaved edits of the earlier tests is confirmed.
      window.confirm = () => true
      w.__workbenchEmit('menu:command', JSON.stringify({ command: 'open' }))
    })
    await tab('Compare').click()
    await expect.poll(async () => (await terminationRows()).map((r) => r[0]), { timeout: 20_000 }).toEqual(['normal', 'normal · mu_exc 0.99', 'increased serotonin'])
  })
})
