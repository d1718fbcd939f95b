/**
 * The whole workflow as a scientist does it, in Debian's Chromium against the built renderer
 * bound to the real main-process services (worker pool, run store, project files, GIF export).
 * Screenshots of each view land in test-output/screenshots (docs/screenshots, for the README,
 * with UPDATE_SCREENSHOTS=1).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { GifReader } from 'omggif'
import { chromiumMissing, workbenchForSuite, type Workbench } from './harness'
import { root } from '../helpers/built'

const fixtures = join(root, 'test/fixtures/reference/params')
const SIX = ['RS.yaml', 'FS.yaml', 'receptor_kinetics.yaml', 'synaptic_weights.yaml', 'external_input.yaml', 'stimuli_input.yaml'].map((f) => join(fixtures, f))
// Screenshots go to test-output/ (git-ignored); UPDATE_SCREENSHOTS=1 refreshes the README's.
const shots = join(root, process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-output/screenshots')

describe.skipIf(chromiumMissing)('the workbench in Chromium with the real services', () => {
  beforeAll(() => {
    mkdirSync(shots, { recursive: true })
  })
  const app = workbenchForSuite()
  const tab = app.tab

  it('shows validation as a parameter is edited, and marks changes from the default', async () => {
    const p = app.wb.page
    const field = p.locator('[data-field="RS.C"]')
    await field.locator('input').fill('-5')
    await expect.poll(() => field.locator('[data-test="field-error"]').innerText()).toMatch(/-5.*pF/)
    await field.locator('input').fill('120')
    await expect.poll(() => field.locator('[data-test="field-error"]').count()).toBe(0)
    await expect.poll(() => field.getAttribute('class')).toMatch(/changed/)
    await expect.poll(() => p.locator('[data-test="unsaved-mark"]').count()).toBe(1)
  })

  it("imports the reference study's six YAML files", async () => {
    const p = app.wb.page
    app.wb.dialogs.next('openFiles', SIX)
    await p.locator('[data-test="import-params"]').click()
    await p.locator('[data-test="import-replace"]').click()
    // The import replaced the edited set: C is back to the reference's 100 pF.
    await expect.poll(() => p.locator('[data-field="RS.C"] input').inputValue()).toBe('100')
    await expect.poll(() => p.locator('[data-field="FS.v_peak"] input').inputValue()).toBe('25')
    await p.screenshot({ path: join(shots, 'parameters.png') })
  })

  it('queues the notebook four conditions and shows their termination times', async () => {
    const p = app.wb.page
    await tab('Conditions & queue').click()
    await p.locator('[data-test="preset-notebook"]').click()
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 60_000, interval: 250 }).toBe('4 / 4 done')
    await p.screenshot({ path: join(shots, 'conditions-queue.png') })
    await tab('Compare').click()
    const table = p.locator('[data-testid="comparison-table"]')
    await expect.poll(() => table.count()).toBe(1)
    const text = await table.innerText()
    for (const c of ['normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin']) expect(text).toContain(c)
    // normal keeps the bump for the whole delay: 3.75 s.
    expect(text).toMatch(/3\.75/)
    await p.waitForTimeout(500)
    await p.screenshot({ path: join(shots, 'compare.png'), fullPage: true })
  })

  it('scrubs four synchronized rasters: every panel shows the same time', async () => {
    const p = app.wb.page
    await tab('Rasters').click()
    const picker = p.locator('[data-testid="run-picker"]')
    for (const condition of ['normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin']) {
      await picker.locator('[data-testid="picker-condition"]').selectOption(condition)
      await picker.locator('input[type="checkbox"]').first().check()
    }
    const panels = p.locator('[data-testid="raster-panel"]')
    await expect.poll(() => panels.count()).toBe(4)
    const canvas = panels.nth(1).locator('canvas').first()
    const box = (await canvas.boundingBox())!
    await p.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2)
    await p.mouse.down()
    await p.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 })
    await p.mouse.up()
    const cursors = await panels.evaluateAll((els) => els.map((e) => e.getAttribute('data-cursor-s')))
    expect(new Set(cursors).size).toBe(1)
    expect(Number(cursors[0])).toBeGreaterThan(1)
    await p.keyboard.press('ArrowRight')
    const after = await panels.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-cursor-s'))))
    expect(new Set(after).size).toBe(1)
    expect(after[0]).toBeCloseTo(Number(cursors[0]) + 0.1, 3)
    await p.screenshot({ path: join(shots, 'rasters.png') })
  })

  it('saves a GIF of the shown runs, made in the main process; it decodes', async () => {
    const p = app.wb.page
    const target = join(app.wb.userDataDir, 'four-conditions.gif')
    app.wb.dialogs.next('saveFile', target)
    await p.locator('[data-testid="open-gif-dialog"]').click()
    const dialog = p.locator('[data-testid="gif-dialog"]')
    await dialog.locator('input[value="combined"]').check()
    await dialog.getByLabel('Width (px)').fill('600')
    await dialog.getByLabel('Height per run (px)').fill('300')
    await dialog.getByLabel('Frames').fill('10')
    await dialog.locator('button[type="submit"]').click()
    await expect.poll(() => dialog.locator('[role="status"]').count(), { timeout: 30_000 }).toBe(1)
    const gif = new GifReader(readFileSync(target))
    expect([gif.width, gif.height, gif.numFrames()]).toEqual([600, 1200, 10])
    await dialog.getByRole('button', { name: 'Close' }).click()
  })

  it('saves the project, reloads the page, reopens the file: everything is back, rasters included', async () => {
    const p = app.wb.page
    const file = join(app.wb.userDataDir, 'study.satproj')
    app.wb.dialogs.next('saveFile', file)
    await p.locator('header button', { hasText: 'Save' }).first().click()
    await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true)
    await expect.poll(() => p.locator('[data-test="unsaved-mark"]').count()).toBe(0)
    expect(statSync(file).size).toBeGreaterThan(1000)
    await app.wb.reload()
    await expect.poll(() => p.locator('[data-test="project-name"]').innerText()).toMatch(/Untitled|study/)
    // Reopen through the recent list, as File > Open Recent does (the path comes from main's list).
    const reopened = await p.evaluate(async (path) => {
      const w = window as unknown as { workbench: { invoke(c: string, r?: unknown): Promise<{ ok: boolean }> } }
      const recent = (await w.workbench.invoke('project:recent')) as unknown as { paths: string[] }
      return recent.paths.includes(path)
    }, file)
    expect(reopened).toBe(true)
    // Nothing left in the main process's run store: whatever comes back, comes from the file.
    await app.wb.services.store.clear()
    // File > Open… comes from the application menu as a command; send it the way the menu does.
    app.wb.dialogs.next('openFiles', [file])
    await emitMenu(app.wb, 'open')
    // The file holds the document's name; the reopened project has the runs and no unsaved changes.
    await expect.poll(() => app.wb.invoked.filter((c) => c === 'project:open').length).toBe(1)
    await expect.poll(() => p.locator('footer, .status-bar, body').first().innerText(), { timeout: 30_000 }).toMatch(/4 finished runs in project/)
    await expect.poll(() => p.locator('[data-test="unsaved-mark"]').count()).toBe(0)
    await tab('Compare').click()
    const text = await p.locator('[data-testid="comparison-table"]').innerText()
    expect(text).toContain('decreased serotonin')
    await tab('Rasters').click()
    await p.locator('[data-testid="picker-condition"]').selectOption('normal')
    await p.locator('[data-testid="run-picker"] input[type="checkbox"]').first().check()
    await expect.poll(() => p.locator('[data-testid="raster-panel"]').count()).toBeGreaterThan(0)
    await tab('Parameters').click()
    await expect.poll(() => p.locator('[data-field="RS.C"] input').inputValue()).toBe('100')
  })
})

async function emitMenu(wb: Workbench, command: 'open' | 'save'): Promise<void> {
  await wb.page.evaluate((c) => {
    const w = window as unknown as { __workbenchEmit(ch: string, text: string): void }
    w.__workbenchEmit('menu:command', JSON.stringify({ command: c }))
  }, command)
}
