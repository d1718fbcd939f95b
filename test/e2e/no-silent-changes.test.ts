/**
 * Nothing the user typed or built is dropped or replaced without a word (issue 10): a field with
 * an invalid value blocks Run all and says why, Undo and Reset clear such text, an experiment
 * import or a preset over edited conditions asks first (replace / add alongside / cancel).
 */
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { chromiumMissing, workbenchForSuite } from './harness'
import { root } from '../helpers/built'

const SWEEP = join(root, 'resources/examples/sweep-mu-exc.experiment.yaml')

describe.skipIf(chromiumMissing)('no silent changes', () => {
  const app = workbenchForSuite()
  const tab = app.tab
  const runAll = () => app.wb.page.locator('[data-test="run-all"]')
  const rows = () => app.wb.page.locator('[data-test="conditions-table"] tbody tr').count()

  it('an invalid field blocks Run all with the reason; Undo clears the invalid text', async () => {
    const p = app.wb.page
    const k = p.locator('[data-field="RS.k"]')
    const before = await k.locator('input').inputValue()
    await k.locator('input').fill('-3')
    await expect.poll(() => k.locator('[data-test="field-error"]').count()).toBe(1)
    await tab('Conditions & queue').click()
    expect(await runAll().isDisabled()).toBe(true)
    expect(await p.locator('[data-test="run-all-blocked"]').innerText()).toMatch(/RS\.k = -3 is out of range/)
    await tab('Parameters').click()
    // The text is still there after switching views, and Undo is offered for it.
    expect(await k.locator('input').inputValue()).toBe('-3')
    await p.getByRole('button', { name: 'Undo', exact: true }).click()
    await expect.poll(() => k.locator('input').inputValue()).toBe(before)
    expect(await k.locator('[data-test="field-error"]').count()).toBe(0)
    await tab('Conditions & queue').click()
    expect(await runAll().isDisabled()).toBe(false)
    expect(app.wb.invoked).not.toContain('runs:enqueue')
  })

  it('Reset clears invalid text in a field that still holds its default', async () => {
    const p = app.wb.page
    await tab('Parameters').click()
    const c = p.locator('[data-field="RS.C"]')
    await c.locator('input').fill('abc')
    await expect.poll(() => c.locator('[data-test="field-error"]').count()).toBe(1)
    await c.getByRole('button', { name: 'Reset to default' }).click()
    await expect.poll(() => c.locator('input').inputValue()).toBe('100')
    expect(await c.locator('[data-test="field-error"]').count()).toBe(0)
  })

  it('an experiment import over an edited project asks; cancel keeps everything, add alongside keeps it too', async () => {
    const p = app.wb.page
    await p.locator('[data-field="synaptic_weights.j_ee"] input').fill('0.9')
    await tab('Conditions & queue').click()
    app.wb.dialogs.next('openFiles', [SWEEP])
    await p.locator('[data-test="import-experiment"]').click()
    const choice = p.locator('[data-test="replace-choice"]')
    await expect.poll(() => choice.count()).toBe(1)
    expect(await choice.innerText()).toMatch(/sweep-mu-exc\.experiment\.yaml holds 7 conditions and 1 parameter set/)
    await choice.locator('[data-test="choice-cancel"]').click()
    expect(await rows()).toBe(4)
    app.wb.dialogs.next('openFiles', [SWEEP])
    await p.locator('[data-test="import-experiment"]').click()
    await choice.locator('[data-test="choice-add"]').click()
    await expect.poll(rows).toBe(11)
    await tab('Parameters').click()
    // The edited set is still there, as edited.
    expect(await p.locator('[data-field="synaptic_weights.j_ee"] input').inputValue()).toBe('0.9')
  })

  it('a preset over edited conditions asks; replacing gives the sweep with its 80 Hz set', async () => {
    const p = app.wb.page
    await tab('Conditions & queue').click()
    await p.locator('[data-test="preset-sweep"]').click()
    const choice = p.locator('[data-test="replace-choice"]')
    await expect.poll(() => choice.count()).toBe(1)
    expect(await rows()).toBe(11)
    await choice.locator('[data-test="choice-replace"]').click()
    await expect.poll(rows).toBe(7)
    expect(await runAll().innerText()).toBe('Run all (210 runs)')
    const sets = await p.locator('[data-test="conditions-table"] [data-cell="parameterSet"]').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value))
    expect(new Set(sets).size).toBe(1)
    await tab('Parameters').click()
    await p.locator(`li[data-set="${sets[0]}"]`).click()
    await expect.poll(() => p.locator('[data-field="termination.burst_threshold_hz"] input').inputValue()).toBe('80')
  })
})
