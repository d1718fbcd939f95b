import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src-shared/ipc/contract'
import type { RunSummary } from '../../src-shared/analysis/summary'
import { welchTTest } from '../../src-shared/analysis/stats'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { conditionParametersSha256 } from '../../src-shared/params/canonical'
import { buildComparison, defaultControl, groupRuns, type ConditionGroup } from '../../src-renderer/components/compare/compare-model'
import { comparisonToCsv, csvField, CSV_HEADER } from '../../src-renderer/components/compare/compare-csv'
import { columnNormalised, heatmapOption } from '../../src-renderer/components/compare/heatmap-option'
import { boxplotOption, boxplotPoints, jitter } from '../../src-renderer/components/compare/boxplot-option'
import { renderSvgString, dataUrlBase64 } from '../../src-renderer/charts/chart-export'
import { fmtMeanSd, fmtP } from '../../src-renderer/components/compare/format'

const BASE: RunSummary = {
  termination_time_s: 3.75, exc_rate_hz: 5, inh_rate_hz: 10, bump_rate_hz: 30,
  decoded_reference_deg: 100, decoded_vector_deg: 100, decode_error_reference_deg: 2, decode_error_vector_deg: 1,
  exc_spikes: 1000, inh_spikes: 500, mean_delay_input_exc: -20, mean_delay_input_inh: -10, mean_delay_input_stim_neuron: -40
}

function rec(condition: string, rep: number, s: Partial<RunSummary> = {}, mu = [1, 1]): RunRecord {
  return {
    runId: `${condition}#${rep}`, condition, rep, seed: 1000 + rep, mu_exc: mu[0], mu_inh: mu[1],
    orientationDeg: 100, inputMode: 'exact', elapsedMs: 1, parametersSha256: `p-${condition}-${rep}`, conditionSha256: `c-${condition}`, summary: { ...BASE, ...s }
  }
}

/** normal: termination 1, 2, 3 (mean 2, sd 1); low: 2, 4, 6 (mean 4, sd 2); finished interleaved. */
function records(): RunRecord[] {
  return [
    rec('low', 1, { termination_time_s: 4, mean_delay_input_stim_neuron: -60 }, [0.97, 1]),
    rec('normal', 0, { termination_time_s: 1, mean_delay_input_stim_neuron: -30 }),
    rec('low', 0, { termination_time_s: 2, mean_delay_input_stim_neuron: -40 }, [0.97, 1]),
    rec('normal', 2, { termination_time_s: 3, mean_delay_input_stim_neuron: -50 }),
    rec('normal', 1, { termination_time_s: 2, mean_delay_input_stim_neuron: -40 }),
    rec('low', 2, { termination_time_s: 6, decode_error_vector_deg: NaN, mean_delay_input_stim_neuron: -80 }, [0.97, 1])
  ]
}

describe('grouping runs by condition', () => {
  it('keeps the order conditions first appeared and sorts runs by repetition', () => {
    const g = groupRuns(records())
    expect(g.map((x) => x.condition)).toEqual(['low', 'normal'])
    expect(g[0].runs.map((r) => r.rep)).toEqual([0, 1, 2])
    expect(g[1].runs.map((r) => r.runId)).toEqual(['normal#0', 'normal#1', 'normal#2'])
  })

  it('defaults the control to the named one, else the first with mu = 1, else the first', () => {
    const g = groupRuns(records())
    const ctl = (gs: ConditionGroup[], preferred?: string) => gs.find((x) => x.key === defaultControl(gs, preferred))?.condition
    expect(ctl(g, 'low')).toBe('low')
    expect(ctl(g, 'missing')).toBe('normal')
    expect(ctl(g)).toBe('normal')
    expect(ctl(groupRuns([rec('a', 0, {}, [0.9, 1])]))).toBe('a')
    expect(defaultControl([])).toBeNull()
  })
})

describe('comparison against the control', () => {
  it('summarises each condition and runs Welch against the control only', () => {
    const c = buildComparison(groupRuns(records()), 'normal')
    const [low, normal] = c.rows
    expect(normal.isControl).toBe(true)
    expect(low.isControl).toBe(false)
    expect(normal.cells.termination.welch).toBeNull()
    expect(normal.cells.termination.stats).toMatchObject({ n: 3, mean: 2, sd: 1, median: 2, q1: 1.5, q3: 2.5, min: 1, max: 3 })
    expect(low.cells.termination.stats).toMatchObject({ n: 3, mean: 4, sd: 2 })
    const w = low.cells.termination.welch!
    expect(w.t).toBeCloseTo(2 / Math.sqrt(5 / 3), 12)
    expect(w.df).toBeCloseTo((5 / 3) ** 2 / ((4 / 3) ** 2 / 2 + (1 / 3) ** 2 / 2), 12)
    expect(w.p).toBeGreaterThan(0.1)
    expect(w.p).toBeLessThan(0.4)
    // NaN values are counted, not averaged.
    expect(low.cells.decode_error_vector.stats).toMatchObject({ n: 2, nNaN: 1 })
  })

  it('expresses the stimulus neuron input as % of the control mean, per run', () => {
    const c = buildComparison(groupRuns(records()), 'normal')
    const [low, normal] = c.rows
    // control mean -40: -30, -40, -50 -> 75, 100, 125 %
    expect(normal.cells.input_pct_control.values).toEqual([75, 100, 125])
    expect(normal.cells.input_pct_control.stats.mean).toBeCloseTo(100, 12)
    expect(low.cells.input_pct_control.values).toEqual([100, 150, 200])
    const noControl = buildComparison(groupRuns(records()), null)
    expect(noControl.control).toBeNull()
    expect(noControl.rows[0].cells.input_pct_control.stats.n).toBe(0)
    expect(noControl.rows[0].cells.termination.welch).toBeNull()
  })
})

describe('comparison CSV', () => {
  it('writes one line per condition and measure with full-precision numbers', () => {
    const c = buildComparison(groupRuns(records()), 'normal')
    const csv = comparisonToCsv(c)
    const lines = csv.trimEnd().split('\n')
    expect(lines[0]).toBe(CSV_HEADER.join(','))
    expect(lines).toHaveLength(1 + 2 * c.measures.length)
    const byKey = new Map(lines.slice(1).map((l) => {
      const f = l.split(',')
      return [`${f[0]}|${f[2]}`, f]
    }))
    const normal = byKey.get('normal|Termination time (after stimulus end)')!
    expect(normal.slice(0, 6)).toEqual(['normal', 'true', 'Termination time (after stimulus end)', 's', '3', '0'])
    expect(normal.slice(6, 13)).toEqual(['2', '1', '2', '1.5', '2.5', '1', '3'])
    expect(normal.slice(13, 16)).toEqual(['', '', ''])
    expect(normal[16]).toBe('normal')
    const low = byKey.get('low|Termination time (after stimulus end)')!
    const expected = welchTTest([2, 4, 6], [1, 2, 3])
    expect(low[1]).toBe('false')
    expect(low[6]).toBe('4')
    expect(low[7]).toBe('2')
    expect(low[13]).toBe(String(expected.t))
    expect(low[14]).toBe(String(expected.df))
    expect(low[15]).toBe(String(expected.p))
    // An undefined value is an empty cell, never "NaN".
    expect(csv).not.toContain('NaN')
  })

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('mu_exc 0.97')).toBe('mu_exc 0.97')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    const c = buildComparison(groupRuns([rec('x, "y"', 0), rec('x, "y"', 1)]), 'x, "y"')
    expect(comparisonToCsv(c).split('\n')[1].startsWith('"x, ""y""",true,')).toBe(true)
  })
})

describe('formatting', () => {
  it('shows mean ± sd, a dash for undefined values, and small p in scientific notation', () => {
    const c = buildComparison(groupRuns(records()), 'normal')
    expect(fmtMeanSd(c.rows[1].cells.termination.stats, 2)).toBe('2.00 ± 1.00')
    expect(fmtMeanSd(c.rows[0].cells.input_pct_control.stats, 1)).toBe('150.0 ± 50.0')
    expect(fmtP(0.04321)).toBe('0.043')
    expect(fmtP(0.00001234)).toBe('1.2e-5')
    expect(fmtP(NaN)).toBe('n/a')
  })
})

describe('chart options', () => {
  it('normalises heatmap colours within each column', () => {
    expect(columnNormalised([2, 4, 3])).toEqual([0, 1, 0.5])
    expect(columnNormalised([5, 5])).toEqual([0.5, 0.5])
    expect(columnNormalised([NaN, 1, 3])).toEqual([NaN, 0, 1])
    const c = buildComparison(groupRuns(records()), 'normal')
    const opt = heatmapOption(c) as { yAxis: { data: string[] }; series: { data: number[][] }[] }
    expect(opt.yAxis.data).toEqual(['low', 'normal (control)'])
    // termination column (x = 0): low has the higher mean.
    const term = opt.series[0].data.filter((d) => d[0] === 0)
    expect(term).toEqual([[0, 0, 1], [0, 1, 0]])
  })

  it('builds box plots from min/q1/median/q3/max and one dot per defined run', () => {
    const c = buildComparison(groupRuns(records()), 'normal')
    const opt = boxplotOption(c, 'termination') as { series: { data: unknown[] }[] }
    expect(opt.series[0].data).toEqual([[2, 3, 4, 5, 6], [1, 1.5, 2, 2.5, 3]])
    expect(opt.series[1].data).toHaveLength(6)
    expect(boxplotPoints(c, 'decode_error_vector')).toHaveLength(5)
    const first = opt.series[1].data[0] as { name: string; value: number[] }
    expect(first.name).toBe('low#0')
    expect(first.value).toEqual([0 + jitter(0), 2])
    for (let r = 0; r < 100; r++) expect(Math.abs(jitter(r))).toBeLessThanOrEqual(0.2)
  })

  it('renders a chart to SVG text without a DOM', () => {
    const c = buildComparison(groupRuns(records()), 'normal')
    const svg = renderSvgString(boxplotOption(c, 'termination'), 480, 320)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('width="480"')
    expect(svg).toContain('normal')
    const heat = renderSvgString(heatmapOption(c), 800, 200)
    expect(heat).toContain('2.00 ± 1.00')
  })

  it('strips the data: prefix of a PNG data URL', () => {
    expect(dataUrlBase64('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=')
    expect(() => dataUrlBase64('nope')).toThrow(/no data: URL/)
  })
})

describe('grouping runs by condition and parameter set', () => {
  it('never pools runs of one name made with different parameters, and labels the later set with what differs', () => {
    const base = defaultParameterSet()
    const edited = { ...base, synaptic_weights: { ...base.synaptic_weights, j_ee: 0.9 } }
    const shaBase = conditionParametersSha256(base)
    const shaEdited = conditionParametersSha256(edited)
    const params = new Map([[shaBase, base], [shaEdited, edited]])
    const a = { ...rec('normal', 0, { termination_time_s: 3.75 }), conditionSha256: shaBase }
    const b = { ...rec('normal', 0, { termination_time_s: 0.25 }), runId: 'normal#0-edited', conditionSha256: shaEdited }
    const c = { ...rec('normal', 1, { termination_time_s: 3.7 }), conditionSha256: shaBase }
    const g = groupRuns([a, b, c], (sha) => params.get(sha))
    expect(g.map((x) => [x.label, x.runs.length])).toEqual([['normal', 2], ['normal · j_ee 0.9', 1]])
    const comparison = buildComparison(g, 'normal')
    expect(comparison.rows.map((r) => r.cells.termination.stats.n)).toEqual([2, 1])
    // Without the parameters, the group is still separate, named by its hash.
    expect(groupRuns([a, b]).map((x) => x.label)).toEqual(['normal', `normal · parameters ${shaEdited.slice(0, 8)}`])
    const csv = comparisonToCsv(comparison).split('\n')
    expect(csv[0].endsWith(',parameters_sha256')).toBe(true)
    expect(csv.some((l) => l.startsWith('normal · j_ee 0.9,') && l.endsWith(`,${shaEdited}`))).toBe(true)
  })
})
