// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import GifExportDialog from '../../src-renderer/components/rasters/GifExportDialog.vue'
import { gifSettingsProblem } from '../../src-renderer/components/rasters/gif-options'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'
import type { InvokeResponses } from '../../src-shared/ipc/contract'

let fake: FakeWorkbench
let finish: (r: InvokeResponses['gif:export']) => void

beforeEach(() => {
  setActivePinia(createPinia())
  fake = installFakeWorkbench({
    'gif:export': () => new Promise((resolve) => (finish = resolve)),
    'gif:cancel': () => ({ cancelled: true })
  })
})
afterEach(() => {
  document.body.innerHTML = ''
})

function mountDialog(runIds = ['normal#0', 'low#0']) {
  return mount(GifExportDialog, {
    props: { runIds, defaults: { width: 800, height: 400, frames: 20, frame_ms: 100, mode: 'accumulate' } },
    attachTo: document.body
  })
}

describe('GIF export dialog', () => {
  it('sends settings the main process accepts, shows progress and the saved paths', async () => {
    const w = mountDialog()
    await w.findAll('input[type="radio"]').find((r) => (r.element as HTMLInputElement).value === 'combined')!.setValue(true)
    await w.findAll('input[type="radio"]').find((r) => (r.element as HTMLInputElement).value === 'sliding')!.setValue(true)
    await w.get('form').trigger('submit')
    const [payload] = fake.callsTo('gif:export') as Array<{ jobId: string; runIds: string[]; layout: string; settings: unknown }>
    expect(payload.runIds).toEqual(['normal#0', 'low#0'])
    expect(payload.layout).toBe('combined')
    expect(payload.settings).toEqual({ width: 800, height: 400, frames: 20, frame_ms: 100, mode: 'sliding' })

    fake.emit('gif:progress', { jobId: 'someone-else', fraction: 0.9 })
    fake.emit('gif:progress', { jobId: payload.jobId, fraction: 0.4 })
    await flushPromises()
    expect((w.get('progress').element as HTMLProgressElement).value).toBeCloseTo(0.4, 12)
    expect(w.text()).toContain('40 %')

    await w.findAll('button').find((b) => b.text() === 'Cancel export')!.trigger('click')
    expect(fake.callsTo('gif:cancel')).toEqual([{ jobId: payload.jobId }])

    finish({ ok: true, paths: ['/home/user/normal.gif', '/home/user/low.gif'] })
    await flushPromises()
    expect(w.find('progress').exists()).toBe(false)
    expect(w.findAll('li code').map((c) => c.text())).toEqual(['/home/user/normal.gif', '/home/user/low.gif'])
    w.unmount()
  })

  it('shows a failure as one sentence', async () => {
    const w = mountDialog(['normal#0'])
    await w.get('form').trigger('submit')
    finish({ ok: false, message: 'Run normal#0 has no spikes stored; run it again.' })
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toBe('Run normal#0 has no spikes stored; run it again.')
    w.unmount()
  })

  it('refuses settings outside the limits before sending anything', async () => {
    const w = mountDialog()
    await w.findAll('input[type="number"]')[0].setValue('50')
    expect(w.get('[role="alert"]').text()).toBe('Width must be a whole number from 100 to 4000 px (got 50).')
    expect((w.get('button[type="submit"]').element as HTMLButtonElement).disabled).toBe(true)
    await w.get('form').trigger('submit')
    expect(fake.callsTo('gif:export')).toHaveLength(0)
    expect(gifSettingsProblem({ width: 800, height: 400, frames: 0, frame_ms: 100, mode: 'accumulate' })).toBe(
      'Frames must be a whole number from 1 to 1000 (got 0).'
    )
    w.unmount()
  })
})
