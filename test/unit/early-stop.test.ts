import { describe, expect, it } from 'vitest'
import { runSimulation } from '../../src-shared/engine/engine'
import { generateInputs } from '../../src-shared/engine/inputs'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { excitatoryWeights } from '../../src-shared/engine/weights'
import { summarizeRun, RUN_MEASURES } from '../../src-shared/analysis/summary'
import { stoppedEarlyAt, terminationDecided } from '../../src-shared/analysis/early-stop'
import { runsCsv, runsJson } from '../../src-shared/report/experiment-report'
import type { RunRecord } from '../../src-shared/ipc/contract'
import { referenceParameterSet } from '../helpers/reference'

describe('opt-in early stopping (both engines)', () => {
  const base = referenceParameterSet()
  const inputs = generateInputs(inputSpecOf(base))
  const weights = excitatoryWeights(base.network, base.synaptic_weights)
  // 0.97: the bump dies during the delay; 1.02: drowned at once (burst); 1.00: held to the end.
  for (const engine of ['wasm', 'typescript'] as const) {
    for (const mu of [0.97, 1.02, 1]) {
      it(`${engine}, mu_exc ${mu}: the same termination time as the whole run, the rest n/a`, () => {
        const p = referenceParameterSet({ mu_exc: mu, mu_inh: 1 })
        const full = runSimulation(p, inputs, { weights, engine })
        const early = runSimulation(p, inputs, { weights, engine, stopWhen: terminationDecided(p) })
        const whole = summarizeRun(full, p, 100)
        const part = summarizeRun(early, p, 100)
        expect(part.termination_time_s).toBe(whole.termination_time_s)
        if (mu !== 1) expect(whole.termination_time_s).toBeLessThan(3.75)
        if (whole.termination_time_s < 3.75) {
          expect(early.stoppedEarlyAtStep).toBeGreaterThan(12_500)
          expect(early.stoppedEarlyAtStep).toBeLessThan(full.nSteps - 1)
          expect(stoppedEarlyAt(part)).toBe((early.stoppedEarlyAtStep! * 0.1) / 1000)
          // The decisive window ends before the stop: the stop follows the verdict within a chunk.
          expect(stoppedEarlyAt(part)! - 1.25 - whole.termination_time_s).toBeLessThan(0.25 + 0.06)
          for (const m of RUN_MEASURES) if (m !== 'termination_time_s') expect(part[m], m).toBeNaN()
          expect(early.steps.length).toBeLessThan(full.steps.length)
          // The spikes it has are the whole run's first spikes.
          expect(Array.from(early.steps.slice(0, 1000))).toEqual(Array.from(full.steps.slice(0, 1000)))
        } else {
          expect(early.stoppedEarlyAtStep).toBeUndefined()
          expect(part).toEqual(whole)
        }
      })
    }
  }

  it('results mark a stopped run: stopped_early_at_s, spike counts null, runs.csv gains the column only then', () => {
    const rec = (stopped?: number): RunRecord => ({
      runId: 'a#1', condition: 'a', rep: 0, seed: 1, mu_exc: 1, mu_inh: 1, orientationDeg: 0, inputMode: 'exact', elapsedMs: 1, parametersSha256: 'a'.repeat(64), conditionSha256: 'b'.repeat(64),
      summary: { ...Object.fromEntries(RUN_MEASURES.map((m) => [m, NaN])), termination_time_s: 0.5, ...(stopped ? { stopped_early_at_s: stopped } : {}) } as RunRecord['summary']
    })
    const [j] = runsJson([{ record: rec(2), counts: [1, 2] }]) as Array<Record<string, unknown>>
    expect(j.stopped_early_at_s).toBe(2)
    expect(j.spike_counts).toBeNull()
    expect(runsCsv([{ record: rec(2), counts: [] }]).split('\r\n')[0]).toMatch(/,stopped_early_at_s$/)
    expect(runsCsv([{ record: rec(), counts: [] }])).not.toContain('stopped_early_at_s')
    expect((runsJson([{ record: rec(), counts: [1, 2] }])[0] as Record<string, unknown>).spike_counts).toEqual([1, 2])
  })
})
