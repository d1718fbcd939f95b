/**
 * What a finished app is expected to do on the way (issue 10): the project is called by the file
 * it was saved as and says it was saved; the queue names runs by condition and shows how long
 * the bump lasted; Compare reads decode errors and undefined values as the headless runner does.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumMissing, workbenchForSuite } from './harness'
import { root } from '../helpers/built'

describe.skipIf(chromiumMissing)('finishing touches', () => {
  beforeAll(() => {
    mkdirSync(join(root, 'test-output/screenshots'), { recursive: true })
  })
  const app = workbenchForSuite()
  const tab = app.tab

  it('the queue names runs by condition and shows their termination time', async () => {
    const p = app.wb.page
    await p.locator('[data-field="simulation.duration_s"] input').fill('2')
    await tab('Conditions & queue').click()
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 60_000, interval: 250 }).toBe('4 / 4 done')
    const names = await p.locator('[data-test="queue-run-name"]').allInnerTexts()
    expect(names).toEqual(['normal #1', 'increased serotonin #1', 'slightly decreased serotonin #1', 'decreased serotonin #1'])
    const normal = await p.locator('[data-run$="normal#1"]').first().innerText()
    expect(normal).toMatch(/bump \d+\.\d\d s/)
  })

  it('Compare shows the population-vector decode error first, as the CLI does', async () => {
    const p = app.wb.page
    await tab('Compare').click()
    await expect.poll(() => p.locator('[data-testid="comparison-table"]').count()).toBe(1)
    expect(await p.locator('[data-testid="decoder-select"]').inputValue()).toBe('decode_error_vector')
  })

  it('rasters open showing the whole runs, and can be laid out side by side', async () => {
    const p = app.wb.page
    await tab('Rasters').click()
    const picker = p.locator('[data-testid="run-picker"]')
    for (const condition of ['normal', 'decreased serotonin']) {
      await picker.locator('[data-testid="picker-condition"]').selectOption(condition)
      await picker.locator('input[type="checkbox"]').first().check()
    }
    const panels = p.locator('[data-testid="raster-panel"]')
    await expect.poll(() => panels.count()).toBe(2)
    // The runs last 2 s: the cursor waits at the end until the user moves it.
    await expect.poll(() => panels.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-cursor-s'))))).toEqual([2, 2])
    const stackedY = await panels.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))
    expect(stackedY[1]).toBeGreaterThan(stackedY[0])
    await p.locator('[data-testid="raster-layout"]').selectOption('grid')
    await expect.poll(() => panels.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))).toEqual([stackedY[0], stackedY[0]])
    await p.screenshot({ path: join(root, 'test-output/screenshots/rasters-grid.png') })
  })

  it('after the first save the project is called by its file name, and says it was saved', async () => {
    const p = app.wb.page
    const file = join(app.wb.userDataDir, 'my-study.satproj')
    app.wb.dialogs.next('saveFile', file)
    await p.locator('header button', { hasText: 'Save' }).first().click()
    await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true)
    await expect.poll(() => p.locator('[data-test="project-name"]').innerText()).toBe('my-study')
    await expect.poll(() => p.locator('body').innerText()).toMatch(/Saved 'my-study' to .*my-study\.satproj/)
  })
})
