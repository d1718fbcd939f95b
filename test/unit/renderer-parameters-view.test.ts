// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'
import ParametersView from '../../src-renderer/views/ParametersView.vue'
import { useProjectStore } from '../../src-renderer/stores/project'
import { useUiStore } from '../../src-renderer/stores/ui'
import { defaultParameterSet } from '../../src-shared/params/schema'

let fake: FakeWorkbench
let pinia: Pinia
let wrapper: VueWrapper

beforeEach(() => {
  fake = installFakeWorkbench()
  pinia = createPinia()
  setActivePinia(pinia)
  // jsdom has no canvas; the preview must cope with a missing 2D context.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  vi.spyOn(window, 'confirm').mockReturnValue(true)
  wrapper = mount(ParametersView, { global: { plugins: [pinia] }, attachTo: document.body })
})

afterEach(() => {
  wrapper.unmount()
  vi.restoreAllMocks()
})

const field = (path: string) => wrapper.get(`[data-field="${path}"]`)

async function type(path: string, text: string): Promise<void> {
  await field(path).get('input').setValue(text)
}

describe('generated parameter form', () => {
  test('shows every group of the schema with its title and the reference file', () => {
    const groups = wrapper.findAll('[data-group]')
    expect(groups.map((g) => g.attributes('data-group'))).toEqual([
      'RS', 'FS', 'receptor_kinetics', 'synaptic_weights', 'external_input', 'stimuli_input', 'network', 'simulation', 'stimulus', 'serotonin', 'termination'
    ])
    expect(groups[0].text()).toContain('Excitatory neurons (RS)')
    expect(groups[0].text()).toContain('RS.yaml')
    expect(field('RS.C').text()).toContain('Membrane capacitance')
    expect(field('RS.C').text()).toContain('pF')
    expect(field('RS.C').text()).toContain('> 0 pF')
    expect(field('RS.C').get('label').attributes('title')).toMatch(/divides the total current/)
  })

  test('an out-of-range value shows the message under the field and never reaches the document', async () => {
    const project = useProjectStore()
    await type('RS.C', '-5')
    expect(field('RS.C').get('[data-test="field-error"]').text()).toBe('RS.C = -5 is out of range: must be > 0 pF')
    expect(field('RS.C').get('input').classes()).toContain('invalid')
    expect(project.doc.parameterSets.default.RS.C).toBe(100)
    await type('RS.C', 'abc')
    expect(field('RS.C').get('[data-test="field-error"]').text()).toMatch(/is text, not a number/)
  })

  test('a valid change is written, marked as changed from the default, and can be reset', async () => {
    const project = useProjectStore()
    expect(field('RS.C').find('[data-test="changed-mark"]').exists()).toBe(false)
    await type('RS.C', '150')
    expect(field('RS.C').find('[data-test="field-error"]').exists()).toBe(false)
    expect(project.doc.parameterSets.default.RS.C).toBe(150)
    expect(project.dirty).toBe(true)
    const mark = field('RS.C').get('[data-test="changed-mark"]')
    expect(mark.text()).toContain('default: 100')
    await mark.get('button').trigger('click')
    expect(project.doc.parameterSets.default.RS.C).toBe(100)
    expect(field('RS.C').find('[data-test="changed-mark"]').exists()).toBe(false)
    expect((field('RS.C').get('input').element as HTMLInputElement).value).toBe('100')
  })

  test('undo and redo put the value back into the input', async () => {
    const project = useProjectStore()
    await type('FS.d', '250')
    project.undo()
    await flushPromises()
    expect((field('FS.d').get('input').element as HTMLInputElement).value).toBe('200')
    project.redo()
    await flushPromises()
    expect((field('FS.d').get('input').element as HTMLInputElement).value).toBe('250')
    expect(field('FS.d').find('[data-test="changed-mark"]').exists()).toBe(true)
  })

  test('cross-field problems appear under the field they concern', async () => {
    await type('stimulus.t_on_s', '2')
    expect(field('stimulus.t_on_s').get('[data-test="field-error"]').text()).toMatch(/must be before stimulus\.t_off_s = 1\.25 s/)
    expect(wrapper.get('[data-test="set-problem-count"]').text()).toMatch(/^1 problem/)
  })

  test('warnings are listed in their group', async () => {
    expect(wrapper.find('[data-group="RS"] [data-test="group-warnings"]').exists()).toBe(false)
    await type('RS.c', '60')
    expect(wrapper.get('[data-group="RS"] [data-test="group-warnings"]').text()).toMatch(/RS\.c = 60 mV is not below RS\.v_peak = 50 mV/)
  })

  test('the input mode is a select with option descriptions', async () => {
    const project = useProjectStore()
    const select = field('simulation.input_mode').get('select')
    expect(select.findAll('option').map((o) => [o.text(), o.attributes('title')])).toEqual([
      ['exact', expect.stringMatching(/draw for draw/)],
      ['fast', expect.stringMatching(/geometric skips/)]
    ])
    await select.setValue('fast')
    expect(project.doc.parameterSets.default.simulation.input_mode).toBe('fast')
    expect(field('simulation.input_mode').text()).toContain('default: exact')
  })
})

describe('neuron preview', () => {
  test('summarises both neurons and reports divergence as the parameters change', async () => {
    const rs = () => wrapper.get('[data-neuron="RS"]')
    expect(rs().text()).toMatch(/RS\s*\d+ spikes? \(\d+ Hz\)/)
    expect(wrapper.get('[data-neuron="FS"]').text()).toMatch(/FS\s*\d+ spikes/)
    await type('RS.a', '1000')
    expect(rs().text()).toContain('diverges')
    expect(rs().classes()).toContain('diverged')
    await type('RS.a', '0.01')
    expect(rs().text()).not.toContain('diverges')
  })

  test('the current slider changes the spike count', async () => {
    const spikes = () => Number(/(\d+) spike/.exec(wrapper.get('[data-neuron="FS"]').text())![1])
    await wrapper.get('input[type="range"]').setValue('0')
    expect(spikes()).toBe(0)
    await wrapper.get('input[type="range"]').setValue('500')
    expect(spikes()).toBeGreaterThan(10)
  })
})

describe('parameter sets', () => {
  test('new (named in place), a refused delete with its message, and a delete', async () => {
    const project = useProjectStore()
    const ui = useUiStore()
    await wrapper.get('[data-test="new-set"]').trigger('click')
    expect(project.setNames).toEqual(['default', 'set'])
    expect(ui.selectedSet).toBe('set')
    const rename = wrapper.get('[data-set="set"] input')
    await rename.setValue('default')
    await rename.trigger('keydown', { key: 'Enter' })
    expect(wrapper.get('[data-test="set-message"]').text()).toBe("There is already a parameter set named 'default'.")
    await rename.setValue('variant')
    await rename.trigger('keydown', { key: 'Enter' })
    expect(project.setNames).toEqual(['default', 'variant'])
    expect(wrapper.find('[data-test="set-message"]').exists()).toBe(false)
    await wrapper.get('[data-set="default"] [data-test="delete-set"]').trigger('click')
    expect(wrapper.get('[data-test="set-message"]').text()).toMatch(/Parameter set 'default' is used by conditions/)
    expect(project.setNames).toContain('default')
    await wrapper.get('[data-set="variant"] [data-test="delete-set"]').trigger('click')
    expect(window.confirm).toHaveBeenCalledWith("Delete parameter set 'variant'?")
    expect(project.setNames).toEqual(['default'])
  })

  test('the form edits the selected set only', async () => {
    const project = useProjectStore()
    project.addParameterSet('variant')
    await flushPromises()
    await type('network.Ne', '180')
    expect(project.doc.parameterSets.variant.network.Ne).toBe(180)
    expect(project.doc.parameterSets.default.network.Ne).toBe(360)
  })
})

describe('YAML import and export', () => {
  test('import problems are listed with file and line', async () => {
    fake.handlers['params:import'] = () => ({
      ok: false,
      message: 'RS.yaml has 2 problems; the first is RS.yaml, line 3: RS.C = -1 is out of range.',
      details: [
        { group: 'RS', key: 'C', value: -1, code: 'range', message: 'RS.C = -1 is out of range: must be > 0 pF', file: 'RS.yaml', line: 3 },
        { group: 'RS', key: 'kk', value: 1, code: 'unknown-key', message: "RS has no parameter 'kk': did you mean 'k'?", file: 'RS.yaml', line: 5 }
      ]
    })
    await wrapper.get('[data-test="import-params"]').trigger('click')
    await flushPromises()
    const items = wrapper.get('[data-test="import-problems"]').findAll('li').map((li) => li.text())
    expect(items).toEqual(['RS.yaml, line 3: RS.C = -1 is out of range: must be > 0 pF', "RS.yaml, line 5: RS has no parameter 'kk': did you mean 'k'?"])
  })

  test('an imported set is added as a new set or replaces the current one', async () => {
    const project = useProjectStore()
    const imported = defaultParameterSet()
    imported.FS.C = 25
    fake.handlers['params:import'] = () => ({ ok: true, params: imported, sources: ['/data/fast.yaml'] })
    await wrapper.get('[data-test="import-params"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="import-as-new"]').trigger('click')
    expect(project.setNames).toEqual(['default', 'fast'])
    expect(project.doc.parameterSets.fast.FS.C).toBe(25)
    expect(useUiStore().selectedSet).toBe('fast')

    useUiStore().selectedSet = 'default'
    await wrapper.get('[data-test="import-params"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-test="import-replace"]').trigger('click')
    expect(project.doc.parameterSets.default.FS.C).toBe(25)
    expect(project.setNames).toEqual(['default', 'fast'])
  })

  test('export sends the current set and the chosen layout', async () => {
    fake.handlers['params:export'] = () => ({ ok: true, paths: ['/out/RS.yaml'] })
    await wrapper.get('select[aria-label="Export layout"]').setValue('six-files')
    await wrapper.get('[data-test="export-params"]').trigger('click')
    await flushPromises()
    const [payload] = fake.callsTo('params:export') as Array<{ name: string; layout: string; params: unknown }>
    expect(payload.name).toBe('default')
    expect(payload.layout).toBe('six-files')
    expect(payload.params).toEqual(defaultParameterSet())
  })
})
