// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { RunRecord } from '../../src-shared/ipc/contract'
import type { RunSummary } from '../../src-shared/analysis/summary'
import CompareView from '../../src-renderer/views/CompareView.vue'
import { useRunsStore } from '../../src-renderer/stores/runs'
import { useRastersStore } from '../../src-renderer/stores/rasters'
import { useProjectStore } from '../../src-renderer/stores/project'
import { buildComparison, groupRuns } from '../../src-renderer/components/compare/compare-model'
import { comparisonToCsv } from '../../src-renderer/components/compare/compare-csv'
import { fmtP } from '../../src-renderer/components/compare/format'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'

const BASE: RunSummary = {
  termination_time_s: 3.75, exc_rate_hz: 5, inh_rate_hz: 10, bump_rate_hz: 30,
  decoded_reference_deg: 100, decoded_vector_deg: 100, decode_error_reference_deg: 2, decode_error_vector_deg: 1,
  exc_spikes: 1000, inh_spikes: 500, mean_delay_input_exc: -20, mean_delay_input_inh: -10, mean_delay_input_stim_neuron: -40
}

function rec(condition: string, rep: number, termination: number, mu: [number, number]): RunRecord {
  return {
    runId: `${condition}#${rep}`, condition, rep, seed: rep, mu_exc: mu[0], mu_inh: mu[1], orientationDeg: 100,
    inputMode: 'exact', elapsedMs: 1, parametersSha256: `p-${condition}-${rep}`, conditionSha256: `c-${condition}`, summary: { ...BASE, termination_time_s: termination, exc_rate_hz: 5 + rep }
  }
}

/** "decreased" ends far earlier than "normal" (p << 0.05); "slight" barely differs. Eight runs each. */
function records(): RunRecord[] {
  const out: RunRecord[] = []
  for (let r = 0; r < 8; r++) {
    out.push(rec('decreased', r, 0.5 + 0.01 * r, [0.97, 1]))
    out.push(rec('normal', r, 3.5 + 0.02 * r, [1, 1]))
    out.push(rec('slight', r, 3.5 + 0.021 * r + (r % 2 ? 0.05 : -0.05), [1.01, 1.01]))
  }
  return out
}

let pinia: Pinia
let fake: FakeWorkbench

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  // jsdom has no canvas: charts stay empty boxes, the table carries the numbers.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  // Checks every request against the IPC contract's guards, as the main process would.
  fake = installFakeWorkbench({ 'export:save': () => ({ ok: true, path: '/tmp/condition-comparison.csv' }) })
})
afterEach(() => vi.restoreAllMocks())

function mountWith(recs: RunRecord[], control?: string) {
  useRunsStore().reset(recs)
  // No conditions table: groups appear in the order their runs first did.
  useProjectStore().doc.conditions = []
  return mount(CompareView, { props: { control }, global: { plugins: [pinia] }, attachTo: document.body })
}

function termRows(w: ReturnType<typeof mountWith>) {
  return w.findAll('tbody[data-measure="termination"] tr[data-condition]')
}

describe('CompareView', () => {
  it('shows the empty state without finished runs', () => {
    const w = mountWith([])
    expect(w.get('[data-testid="compare-empty"]').text()).toBe('No finished runs yet — queue conditions in the Conditions view.')
    expect(w.find('[data-testid="comparison-table"]').exists()).toBe(false)
    w.unmount()
  })

  it('groups by condition in order of appearance, marks the control and gives p values against it', () => {
    const w = mountWith(records(), 'normal')
    const rows = termRows(w)
    expect(rows.map((r) => r.attributes('data-condition'))).toEqual(['decreased', 'normal', 'slight'])
    const [decreased, normal, slight] = rows
    expect(normal.classes()).toContain('is-control')
    expect(normal.text()).toContain('control')
    expect(decreased.classes()).not.toContain('is-control')

    const expected = buildComparison(groupRuns(records()), 'normal')
    const p = expected.rows[0].cells.termination.welch!.p
    expect(p).toBeLessThan(0.05)
    const cells = decreased.findAll('td')
    expect(cells[0].text()).toBe('8')
    expect(cells[1].text()).toBe('0.54 ± 0.02')
    expect(cells[6].text()).toContain(fmtP(p))
    expect(decreased.classes()).toContain('is-significant')
    expect(slight.classes()).not.toContain('is-significant')
    expect(slight.findAll('td')[6].text()).toMatch(/^0\.\d{3}$/)
    // The control row has no test against itself.
    expect(normal.findAll('td')[6].text()).toBe('—')
    w.unmount()
  })

  it('lets the view choose another control', async () => {
    const w = mountWith(records(), 'normal')
    await w.get('[data-testid="control-select"]').setValue('slight')
    const rows = termRows(w)
    expect(rows[2].classes()).toContain('is-control')
    expect(rows[1].classes()).not.toContain('is-control')
    expect(rows[1].findAll('td')[6].text()).not.toBe('—')
    w.unmount()
  })

  it('falls back to the mu = 1 condition when no control is given', () => {
    const w = mountWith(records())
    expect(termRows(w)[1].classes()).toContain('is-control')
    w.unmount()
  })

  it('picks up to six runs of a clicked condition and asks to open the rasters', async () => {
    const w = mountWith(records(), 'normal')
    await termRows(w)[0].get('button').trigger('click')
    const picked = ['decreased#0', 'decreased#1', 'decreased#2', 'decreased#3', 'decreased#4', 'decreased#5']
    expect(useRastersStore().picked).toEqual(picked)
    expect(w.emitted('open-rasters')).toEqual([[picked]])
    w.unmount()
  })

  it('takes in runs that finish while it is shown, a few times a second at most', async () => {
    vi.useFakeTimers()
    try {
      const w = mountWith(records(), 'normal')
      useRunsStore().reset([...records(), rec('late', 0, 1, [1.03, 1]), rec('late', 1, 1.1, [1.03, 1])])
      await nextTick()
      expect(termRows(w)).toHaveLength(3)
      vi.advanceTimersByTime(300)
      await nextTick()
      expect(termRows(w).map((r) => r.attributes('data-condition'))).toEqual(['decreased', 'normal', 'slight', 'late'])
      w.unmount()
    } finally {
      vi.useRealTimers()
    }
  })

  it('exports the table as CSV through export:save', async () => {
    const w = mountWith(records(), 'normal')
    const button = w.findAll('button').find((b) => b.text().startsWith('Export table as CSV'))!
    await button.trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    expect(fake.callsTo('export:save')).toEqual([{
      kind: 'csv',
      suggestedName: 'condition-comparison.csv',
      text: comparisonToCsv(buildComparison(groupRuns(records()), 'normal'))
    }])
    expect(w.get('[role="status"]').text()).toBe('Saved /tmp/condition-comparison.csv')
    w.unmount()
  })
})
