// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { RunRecord } from '../../src-shared/ipc/contract'
import { RUN_MEASURES, type RunSummary } from '../../src-shared/analysis/summary'
import { axisRange } from '../../src-shared/experiment/grid'
import CompareView from '../../src-renderer/views/CompareView.vue'
import PhaseDiagram from '../../src-renderer/components/compare/PhaseDiagram.vue'
import ChartCard from '../../src-renderer/components/compare/ChartCard.vue'
import { useRunsStore } from '../../src-renderer/stores/runs'
import { useRastersStore } from '../../src-renderer/stores/rasters'
import { buildPhaseGrid as buildFromGroups, phaseGridCsv as csvFromGroups } from '../../src-renderer/components/compare/phase-diagram-model'
import { groupRuns } from '../../src-renderer/components/compare/compare-model'
import { phaseCellAt, phaseDiagramOption } from '../../src-renderer/components/compare/phase-diagram-option'
import { renderSvgString } from '../../src-renderer/charts/chart-export'
import { defaultParameterSet } from '../../src-shared/params/schema'
import type { ParameterSet } from '../../src-shared/params/types'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'

/** Every measure 1; the tests vary termination time and bump rate. */
const BASE = Object.fromEntries(RUN_MEASURES.map((m) => [m, 1])) as unknown as RunSummary

const AXIS = axisRange(0.97, 1.03, 0.003)

/** The diagram draws Compare's groups (condition + parameter set); here every run has one parameter set per condition. */
const buildPhaseGrid = (records: RunRecord[], measure?: Parameters<typeof buildFromGroups>[2]) => buildFromGroups(groupRuns(records), undefined, measure)
const phaseGridCsv = (records: RunRecord[]) => csvFromGroups(groupRuns(records))
const HASHES = { parametersSha256: 'a'.repeat(64), conditionSha256: 'b'.repeat(64) }

/** A 21 x 21 grid, two runs per cell; termination grows with mu_inh and falls with mu_exc. */
function gridRecords(): RunRecord[] {
  const out: RunRecord[] = []
  for (const e of AXIS) {
    for (const h of AXIS) {
      const condition = `mu_exc ${e}, mu_inh ${h}`
      for (let rep = 0; rep < 2; rep++) {
        out.push({
          runId: `${condition}#${rep + 1}`, condition, rep, seed: 1001 + rep, mu_exc: e, mu_inh: h, orientationDeg: 100, inputMode: 'fast', elapsedMs: 1, ...HASHES,
          summary: { ...BASE, termination_time_s: 2 + 10 * (h - e) + rep * 0.5, bump_rate_hz: e === 0.97 && h === 0.97 ? NaN : 30 }
        })
      }
    }
  }
  return out
}

/** mu_exc x mu_inh x stimulus_A (3 x 2 x 2), one run per cell; each A value is its own parameter set (hash). */
function cubeRecords(): { records: RunRecord[]; params: Record<string, ParameterSet> } {
  const params: Record<string, ParameterSet> = {}
  const records: RunRecord[] = []
  for (const A of [50, 100]) {
    const sha = String(A).padStart(64, 'c')
    params[sha] = defaultParameterSet()
    params[sha].stimuli_input.A = A
    for (const e of [0.98, 1, 1.02]) {
      for (const h of [1, 1.01]) {
        const condition = `mu_exc ${e}, mu_inh ${h}, stimulus_A ${A}`
        records.push({
          runId: `${condition}#1`, condition, rep: 0, seed: 7, mu_exc: e, mu_inh: h, orientationDeg: 100, inputMode: 'fast', elapsedMs: 1,
          parametersSha256: 'a'.repeat(64), conditionSha256: sha, summary: { ...BASE, termination_time_s: A / 10 + e }
        })
      }
    }
  }
  return { records, params }
}

let pinia: Pinia
let fake: FakeWorkbench

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  fake = installFakeWorkbench({ 'export:save': () => ({ ok: true, path: '/tmp/grid.csv' }) })
})
afterEach(() => vi.restoreAllMocks())

describe('phase diagram model and chart option', () => {
  it('finds the 21 x 21 grid and summarises each cell', () => {
    const g = buildPhaseGrid(gridRecords())!
    expect([g.x, g.y, g.xValues.length, g.yValues.length, g.slice]).toEqual(['mu_exc', 'mu_inh', 21, 21, undefined])
    expect(g.xValues).toEqual(AXIS)
    const cell = g.cells[3][5]
    expect(cell.condition).toBe(`mu_exc ${AXIS[3]}, mu_inh ${AXIS[5]}`)
    expect(cell.runIds).toHaveLength(2)
    expect(cell.stats.n).toBe(2)
    expect(cell.stats.mean).toBeCloseTo(2 + 10 * (AXIS[5] - AXIS[3]) + 0.25, 12)
    expect(buildPhaseGrid(gridRecords(), 'bump_rate_hz')!.cells[0][0].stats.n).toBe(0)
  })

  it('is absent when the conditions are not a full 2-D grid', () => {
    const recs = gridRecords()
    expect(buildPhaseGrid(recs.filter((r) => r.condition !== `mu_exc ${AXIS[0]}, mu_inh ${AXIS[0]}`))).toBeUndefined()
    expect(buildPhaseGrid(recs.filter((r) => r.mu_inh === 1))).toBeUndefined() // one axis only
    expect(buildPhaseGrid([])).toBeUndefined()
  })

  it('colours cells by the mean, blank where undefined, tooltips with n, mean and sd', () => {
    const g = buildPhaseGrid(gridRecords(), 'bump_rate_hz')!
    const o = phaseDiagramOption(g) as unknown as { series: Array<{ data: unknown[] }>; visualMap: { min: number; max: number }; tooltip: { formatter: (p: unknown) => string }; xAxis: { data: string[] } }
    expect(o.series[0].data).toHaveLength(441)
    expect(o.series[0].data[0]).toEqual([0, 0, '-'])
    expect(o.xAxis.data[7]).toBe('0.991')
    const t = buildPhaseGrid(gridRecords())!
    const to = phaseDiagramOption(t) as unknown as typeof o
    expect(to.visualMap.min).toBeCloseTo(2 + 10 * (0.97 - 1.03) + 0.25, 9)
    expect(to.visualMap.max).toBeCloseTo(2 + 10 * (1.03 - 0.97) + 0.25, 9)
    const tip = to.tooltip.formatter({ dataIndex: 21 * 2 + 4 })
    expect(tip).toContain(`mu_exc ${AXIS[2]}, mu_inh ${AXIS[4]}`)
    expect(tip).toMatch(/Termination time \(s\): mean [\d.]+, sd 0\.354<br>n = 2/)
    expect(phaseCellAt(t, [2, 4, 1])).toEqual({ i: 2, j: 4 })
    expect(phaseCellAt(t, [21, 0, 1])).toBeUndefined()
    expect(renderSvgString(phaseDiagramOption(t), 800, 640)).toMatch(/^<svg[\s\S]*mu \(excitatory\) \(serotonin\.mu_exc\)/)
  })

  it('a third axis (stimulus_A, read from each group\'s parameters) is shown one value at a time, titles from the schema', () => {
    const { records, params } = cubeRecords()
    const paramsOf = (sha: string) => params[sha]
    const g = buildFromGroups(groupRuns(records), paramsOf, 'termination_time_s', { index: 1 })!
    expect([g.x, g.y, g.xValues, g.yValues, g.slice]).toEqual(['mu_exc', 'mu_inh', [0.98, 1, 1.02], [1, 1.01], { axis: 'stimulus_A', values: [50, 100], index: 1 }])
    expect(g.cells[2][1].condition).toBe('mu_exc 1.02, mu_inh 1.01, stimulus_A 100')
    expect(g.cells[2][1].stats.mean).toBeCloseTo(11.02, 12)
    expect(buildFromGroups(groupRuns(records), paramsOf, 'termination_time_s', { index: 0 })!.cells[0][0].condition).toBe('mu_exc 0.98, mu_inh 1, stimulus_A 50')
    // mu_inh picked instead: mu_exc across, stimulus_A up, at mu_inh 1.01.
    const byInh = buildFromGroups(groupRuns(records), paramsOf, 'termination_time_s', { axis: 'mu_inh', index: 1 })!
    expect([byInh.x, byInh.y, byInh.xValues, byInh.yValues, byInh.slice]).toEqual(['mu_exc', 'stimulus_A', [0.98, 1, 1.02], [50, 100], { axis: 'mu_inh', values: [1, 1.01], index: 1 }])
    expect(byInh.cells[1][0].condition).toBe('mu_exc 1, mu_inh 1.01, stimulus_A 50')
    expect(byInh.cells[2][1].stats.mean).toBeCloseTo(11.02, 12)
    // Without the parameters the two A values look alike: two runs per (mu_exc, mu_inh) cell is no grid.
    expect(buildFromGroups(groupRuns(records))).toBeUndefined()
    const o = phaseDiagramOption(g) as unknown as { tooltip: { formatter: (p: unknown) => string }; xAxis: { name: string }; yAxis: { name: string } }
    expect([o.xAxis.name, o.yAxis.name]).toEqual(['mu (excitatory) (serotonin.mu_exc)', 'mu (inhibitory) (serotonin.mu_inh)'])
    expect(o.tooltip.formatter({ dataIndex: 0 })).toContain('mu_exc 0.98, mu_inh 1, stimulus_A 100')
    const rows = csvFromGroups(groupRuns(records), paramsOf)!.trim().split('\r\n')
    expect(rows).toHaveLength(13)
    expect(rows[0]).toMatch(/^mu_exc,mu_inh,stimulus_A,condition,n,/)
    expect(rows[2]).toMatch(/^0\.98,1,100,"mu_exc 0\.98, mu_inh 1, stimulus_A 100",1,10\.98,/)
  })

  it('mu_exc x stimulus_A: the stimulus axis goes up, titled from the schema', () => {
    const { records, params } = cubeRecords()
    const g = buildFromGroups(groupRuns(records.filter((r) => r.mu_inh === 1)), (sha) => params[sha])!
    expect([g.x, g.y, g.yValues, g.slice]).toEqual(['mu_exc', 'stimulus_A', [50, 100], undefined])
    expect((phaseDiagramOption(g) as unknown as { yAxis: { name: string } }).yAxis.name).toBe('Stimulus amplitude (stimuli_input.A)')
  })

  it('grid.csv from the app is the runner\'s: one row per cell, every measure', () => {
    const rows = phaseGridCsv(gridRecords())!.trim().split('\r\n')
    expect(rows).toHaveLength(442)
    expect(rows[0]).toMatch(/^mu_exc,mu_inh,condition,n,termination_time_s_mean,termination_time_s_sd,exc_rate_hz_mean/)
    expect(rows[1]).toMatch(/^0\.97,0\.97,"mu_exc 0\.97, mu_inh 0\.97",2,2\.25,0\.3535/)
  })
})

describe('PhaseDiagram in the Compare view', () => {
  function mountWith(recs: RunRecord[]) {
    useRunsStore().reset(recs)
    return mount(CompareView, { global: { plugins: [pinia] }, attachTo: document.body })
  }

  it('appears for a grid with its size; clicking a cell opens that cell\'s rasters', async () => {
    const w = mountWith(gridRecords())
    expect(w.get('[data-testid="phase-diagram"]').text()).toContain('21 × 21 conditions')
    const card = w.findComponent(PhaseDiagram).findComponent(ChartCard)
    card.vm.$emit('chart-click', { value: [20, 0, 1] })
    await w.vm.$nextTick()
    const condition = `mu_exc 1.03, mu_inh 0.97`
    expect(useRastersStore().picked).toEqual([`${condition}#1`, `${condition}#2`])
    expect(w.emitted('open-rasters')).toEqual([[[`${condition}#1`, `${condition}#2`]]])
    w.unmount()
  })

  it('switches the measure and exports grid.csv through export:save', async () => {
    const w = mountWith(gridRecords())
    await w.get('[data-testid="phase-measure"]').setValue('exc_rate_hz')
    expect((w.findComponent(PhaseDiagram).findComponent(ChartCard).props('option') as { series: Array<{ name: string }> }).series[0].name).toBe('Excitatory delay rate (Hz)')
    await w.findAll('button').find((b) => b.text().startsWith('Export grid as CSV'))!.trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    const calls = fake.callsTo('export:save') as Array<{ suggestedName: string; text: string }>
    expect(calls.map((c) => c.suggestedName)).toEqual(['grid.csv'])
    expect(calls[0].text.split('\r\n')).toHaveLength(443)
    expect(w.text()).toContain('Saved /tmp/grid.csv')
    w.unmount()
  })

  it('a 3-axis grid gets a picker for the third axis\'s value', async () => {
    const { records, params } = cubeRecords()
    useRunsStore().reset(records, params)
    const w = mount(CompareView, { global: { plugins: [pinia] }, attachTo: document.body })
    expect(w.get('[data-testid="phase-diagram"]').text()).toContain('3 × 2 × 2 conditions')
    expect(w.get('[data-testid="phase-diagram"]').text()).toContain('Stimulus amplitude (stimuli_input.A)')
    const card = () => w.findComponent(PhaseDiagram).findComponent(ChartCard)
    expect(card().props('label')).toBe('Phase diagram over mu_exc and mu_inh at stimulus_A 50')
    await w.get('[data-testid="phase-slice"]').setValue('1')
    expect(card().props('label')).toBe('Phase diagram over mu_exc and mu_inh at stimulus_A 100')
    card().vm.$emit('chart-click', { value: [0, 0, 1] })
    await w.vm.$nextTick()
    expect(useRastersStore().picked).toEqual(['mu_exc 0.98, mu_inh 1, stimulus_A 100#1'])
    await w.get('[data-testid="phase-slice-axis"]').setValue('mu_exc')
    expect(card().props('label')).toBe('Phase diagram over mu_inh and stimulus_A at mu_exc 0.98')
    expect((w.get('[data-testid="phase-slice"]').element as HTMLSelectElement).value).toBe('0')
    expect(w.get('[data-testid="phase-diagram"]').text()).toContain('2 × 2 × 3 conditions')
    w.unmount()
  })

  it('is not shown for conditions that are not a grid', () => {
    const recs = gridRecords().filter((r) => r.mu_inh === 1)
    const w = mountWith(recs)
    expect(w.find('[data-testid="phase-diagram"]').exists()).toBe(false)
    w.unmount()
  })
})
