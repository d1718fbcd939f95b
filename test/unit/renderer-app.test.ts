// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'

// The Compare and Rasters views are another part of the app; the shell only has to show them.
vi.mock('../../src-renderer/views/CompareView.vue', async () => {
  const { defineComponent, h } = await import('vue')
  return { default: defineComponent({ name: 'CompareView', render: () => h('div', { 'data-test': 'compare-view' }, 'compare') }) }
})
vi.mock('../../src-renderer/views/RastersView.vue', async () => {
  const { defineComponent, h } = await import('vue')
  return { default: defineComponent({ name: 'RastersView', render: () => h('div', { 'data-test': 'rasters-view' }, 'rasters') }) }
})

const { default: App } = await import('../../src-renderer/App.vue')
const { useProjectStore } = await import('../../src-renderer/stores/project')
const { useNoticesStore } = await import('../../src-renderer/stores/notices')
const { useUiStore } = await import('../../src-renderer/stores/ui')

let fake: FakeWorkbench
let pinia: Pinia
let wrapper: VueWrapper

beforeEach(async () => {
  fake = installFakeWorkbench()
  pinia = createPinia()
  setActivePinia(pinia)
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  wrapper = mount(App, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
})

afterEach(() => {
  wrapper.unmount()
  vi.restoreAllMocks()
})

async function press(key: string, mods: KeyboardEventInit = { ctrlKey: true }): Promise<void> {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, ...mods }))
  await flushPromises()
}

describe('app shell', () => {
  test('the header shows the project name and an unsaved mark once edited', async () => {
    expect(wrapper.get('[data-test="project-name"]').text()).toBe('Untitled project')
    expect(wrapper.find('[data-test="unsaved-mark"]').exists()).toBe(false)
    useProjectStore().setParam('default', 'RS', 'C', 150)
    await flushPromises()
    expect(wrapper.find('[data-test="unsaved-mark"]').exists()).toBe(true)
  })

  test('Ctrl+1..4 and the tabs switch views', async () => {
    expect(wrapper.find('[data-test="neuron-preview"]').exists()).toBe(true)
    await press('2')
    expect(wrapper.find('[data-test="conditions-table"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="neuron-preview"]').exists()).toBe(false)
    await press('3')
    expect(wrapper.find('[data-test="compare-view"]').exists()).toBe(true)
    await press('4')
    expect(wrapper.find('[data-test="rasters-view"]').exists()).toBe(true)
    await press('5')
    await press('1', { ctrlKey: true, shiftKey: true })
    expect(wrapper.find('[data-test="rasters-view"]').exists()).toBe(true)
    await press('1')
    expect(wrapper.find('[data-test="neuron-preview"]').exists()).toBe(true)
    await wrapper.get('[data-view="conditions"]').trigger('click')
    expect(wrapper.get('[data-view="conditions"]').attributes('aria-selected')).toBe('true')
    expect(wrapper.find('[data-test="conditions-table"]').exists()).toBe(true)
  })

  test('the status bar shows threads and the queue summary', async () => {
    expect(wrapper.get('[data-test="threads"]').text()).toBe('Threads: 2 of 8')
    expect(wrapper.get('[data-test="queue-summary"]').text()).toBe('No runs queued')
    fake.emit('runs:status', { updates: [{ runId: 'b1:a#1', state: 'running', progress: 0.2, queuedAt: 0 }, { runId: 'b1:a#2', state: 'queued', progress: 0, queuedAt: 0 }] })
    await flushPromises()
    expect(wrapper.get('[data-test="queue-summary"]').text()).toBe('0 of 2 done · 1 running · 1 queued')
  })

  test('a recoverable autosave shows a banner with Recover and Discard', async () => {
    fake.emit('project:recoverable', { savedAt: '10:42', name: 'sweep' })
    await flushPromises()
    const banner = wrapper.get('[data-test="recover-banner"]')
    expect(banner.text()).toContain('sweep')
    expect(banner.text()).toContain('10:42')
    await banner.findAll('button')[1].trigger('click')
    await flushPromises()
    expect(fake.callsTo('project:discardAutosave')).toHaveLength(1)
    expect(wrapper.find('[data-test="recover-banner"]').exists()).toBe(false)
  })

  test('errors appear as dismissable toasts', async () => {
    useNoticesStore().error('The file could not be written.', ['disk full'])
    await flushPromises()
    const toast = wrapper.get('[role="alert"]')
    expect(toast.text()).toContain('The file could not be written.')
    expect(toast.text()).toContain('disk full')
    await toast.get('button[aria-label="Dismiss"]').trigger('click')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  test('File > Export GIF switches to the Rasters view with its dialog requested', async () => {
    fake.emit('menu:command', { command: 'exportGif' })
    await flushPromises()
    expect(wrapper.find('[data-test="rasters-view"]').exists()).toBe(true)
    expect(useUiStore().gifDialogOpen).toBe(true)
  })
})
