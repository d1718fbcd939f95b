import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SimPool } from '../../src-main/pool/sim-pool'
import { CancelFlag } from '../../src-main/pool/cancel-flag'
import { RunQueue, type FinishedRun } from '../../src-main/runs/run-queue'
import type { RunStatus } from '../../src-shared/ipc/contract'
import { expandRuns } from '../../src-shared/experiment/expand'
import { notebookExperiment } from '../../src-shared/experiment/presets'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { simulate } from '../../src-shared/engine/simulate'
import { generateInputs } from '../../src-shared/engine/inputs'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import type { RunRequest } from '../../src-shared/experiment/types'
import { spikeDigest } from '../helpers/spike-digest'
import { builtWorkerPath } from '../helpers/built'
import { stoppedEarlyAt } from '../../src-shared/analysis/early-stop'

let pool: SimPool
beforeAll(() => {
  pool = new SimPool({ workerPath: builtWorkerPath(), maxThreads: 2 })
})
afterAll(async () => {
  await pool.destroy()
})

function shortRun(id: string, over: (p: ReturnType<typeof defaultParameterSet>) => void = () => {}): RunRequest {
  const params = defaultParameterSet()
  params.simulation.duration_s = 1.5
  over(params)
  return { runId: id, condition: id, rep: 0, seed: params.simulation.seed, orientation: params.stimulus.orientation_deg, inputMode: params.simulation.input_mode, params }
}

function collect(): { finished: FinishedRun[]; statuses: Map<string, RunStatus>; listener: ConstructorParameters<typeof RunQueue>[1] } {
  const finished: FinishedRun[] = []
  const statuses = new Map<string, RunStatus>()
  return {
    finished,
    statuses,
    listener: {
      onStatus: (u) => u.forEach((s) => statuses.set(s.runId, s)),
      onFinished: (r) => finished.push(r)
    }
  }
}

describe('worker pool (real worker threads, built worker file)', () => {
  it('a run in a worker gives the same spikes as in this thread, with arrays transferred', async () => {
    const p = defaultParameterSet()
    p.simulation.duration_s = 2
    const inputs = await pool.generateInputs(inputSpecOf(p), { cancel: new CancelFlag() })
    expect(inputs.rowStart.buffer).toBeInstanceOf(SharedArrayBuffer)
    const progress: number[] = []
    const out = await pool.simulate(p, inputs, 100, { cancel: new CancelFlag(), onProgress: (f) => progress.push(f) })
    const local = simulate(p, generateInputs(inputSpecOf(p)))
    expect(spikeDigest(out.result.steps, out.result.neurons, 360)).toEqual(spikeDigest(local.steps, local.neurons, 360))
    expect(out.result.steps).toBeInstanceOf(Uint32Array)
    expect(Array.from(out.result.counts)).toEqual(Array.from(local.counts))
    expect(out.summary.termination_time_s).toBeGreaterThan(0)
    // Progress starts at 0, ends at 1, never goes back, and comes at most every 50 ms.
    expect(progress[0]).toBe(0)
    expect(progress.at(-1)).toBe(1)
    expect(progress.every((f, k) => k === 0 || f >= progress[k - 1])).toBe(true)
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(out.elapsedMs / 50) + 2)
  })
})

describe('run queue', () => {
  it('the notebook four conditions share one generated input train', async () => {
    let generated = 0
    const counting = Object.create(pool) as SimPool
    counting.generateInputs = (spec, control) => {
      generated++
      return pool.generateInputs(spec, control)
    }
    const c = collect()
    const exp = notebookExperiment()
    for (const ps of Object.values(exp.parameterSets)) ps.simulation.duration_s = 1.5
    const q = new RunQueue(counting, c.listener, { threads: 2 })
    q.enqueue(expandRuns(exp))
    await q.idle()
    expect(c.finished.map((f) => f.record.condition).sort()).toEqual(exp.conditions.map((x) => x.name).sort())
    expect(generated).toBe(1)
    expect(q.sharedInputCount).toBe(0)
  })

  it('a diverging run fails with a message naming the step, the others finish', async () => {
    const c = collect()
    const q = new RunQueue(pool, c.listener, { threads: 2 })
    const bad = shortRun('bad', (p) => {
      // a*dt = 3 makes the Euler update of u unstable: |u| doubles every step until it overflows.
      p.RS.a = 30
    })
    q.enqueue([shortRun('good-1'), bad, shortRun('good-2', (p) => (p.simulation.seed = 7))])
    await q.idle()
    expect(c.statuses.get('bad')?.state).toBe('failed')
    expect(c.statuses.get('bad')?.error).toMatch(/diverged at step \d+ .*smaller dt/)
    expect(c.finished.map((f) => f.record.runId).sort()).toEqual(['good-1', 'good-2'])
  })

  it('a request with earlyStop (the app\'s switch) stops once termination is decided; one without runs to the end', async () => {
    const c = collect()
    const q = new RunQueue(pool, c.listener, { threads: 2 })
    // mu_exc 0.9 loses the bump within 0.3 s of the stimulus's end (fast input, seed 3).
    const exp = { name: 'e', parameterSets: { s: { ...defaultParameterSet(), simulation: { ...defaultParameterSet().simulation, input_mode: 'fast' as const, seed: 3 } } }, conditions: [{ name: 'weak', parameterSet: 's', mu_exc: 0.9, mu_inh: 1, orientation: 100, seed: 3, repetitions: 1 }] }
    const [whole] = expandRuns(exp, 'w:')
    const [early] = expandRuns({ ...exp, earlyStop: true }, 'e:')
    expect([whole.earlyStop, early.earlyStop]).toEqual([undefined, true])
    q.enqueue([whole, early])
    await q.idle()
    const byId = new Map(c.finished.map((f) => [f.record.runId, f]))
    const a = byId.get('w:weak#1')!
    const b = byId.get('e:weak#1')!
    expect(stoppedEarlyAt(a.record.summary)).toBeUndefined()
    const at = stoppedEarlyAt(b.record.summary)!
    expect(at).toBeGreaterThan(1.25)
    expect(at).toBeLessThan(a.request.params.simulation.duration_s)
    expect(b.record.summary.termination_time_s).toBe(a.record.summary.termination_time_s)
    expect(b.record.summary.exc_rate_hz).toBeNaN()
    expect(a.record.summary.exc_rate_hz).not.toBeNaN()
    // The whole run's spikes before the stop are the stopped run's spikes.
    expect(b.result.steps.length).toBeLessThan(a.result.steps.length)
    expect(Array.from(b.result.steps)).toEqual(Array.from(a.result.steps.subarray(0, b.result.steps.length)))
  })

  it('a worker thread that dies mid-batch fails only its run', async () => {
    const c = collect()
    const crashing = Object.create(pool) as SimPool
    crashing.simulate = (params, inputs, o, control) =>
      params.simulation.seed === 666 ? (pool.run({ kind: 'crash', how: 'exit' }) as never) : pool.simulate(params, inputs, o, control)
    const q = new RunQueue(crashing, c.listener, { threads: 2 })
    q.enqueue([shortRun('a'), shortRun('crash', (p) => (p.simulation.seed = 666)), shortRun('b', (p) => (p.simulation.seed = 3)), shortRun('c', (p) => (p.simulation.seed = 4))])
    await q.idle()
    expect(c.statuses.get('crash')?.state).toBe('failed')
    expect(c.statuses.get('crash')?.error).toMatch(/worker thread .* stopped unexpectedly/i)
    expect(c.finished.map((f) => f.record.runId).sort()).toEqual(['a', 'b', 'c'])
  })

  it('cancels queued and running runs; cancel all clears the queue', async () => {
    const c = collect()
    const q = new RunQueue(pool, c.listener, { threads: 1 })
    // Long enough (about half a second each) for progress to arrive before the run ends.
    const runs = [0, 1, 2, 3, 4].map((i) => shortRun(`r${i}`, (p) => ((p.simulation.seed = 100 + i), (p.simulation.duration_s = 20))))
    q.enqueue(runs)
    expect(q.cancel(['r3'])).toBe(1)
    // Wait until r0 is running with some progress, then cancel everything.
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if ((q.status('r0')?.progress ?? 0) > 0.01) {
          clearInterval(t)
          resolve()
        }
      }, 5)
    })
    q.cancelAll()
    await q.idle()
    for (const r of runs) expect(q.status(r.runId)?.state).toBe('cancelled')
    expect(c.finished).toHaveLength(0)
    expect(q.sharedInputCount).toBe(0)
    // A cancelled run can be queued again (retry) and then finishes.
    q.enqueue([runs[3]])
    await q.idle()
    expect(q.status('r3')?.state).toBe('done')
  })

  it('refuses to queue a run id that is already queued', () => {
    const q = new RunQueue(pool, collect().listener, { threads: 1 })
    q.enqueue([shortRun('dup')])
    expect(() => q.enqueue([shortRun('dup')])).toThrow(/already (queued|running)/)
    q.cancelAll()
  })
})
