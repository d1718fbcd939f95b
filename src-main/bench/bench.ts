/**
 * `npm run bench [-- --json] [--quick] [--numpy]`: speed figures on this machine, as medians.
 * A script, not a test: shared machines are noisy, so it reports medians and ratios and
 * asserts nothing.
 */
import { availableParallelism, tmpdir } from 'node:os'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { defaultEngine, makeInputs, runSimulation, type EngineKind } from '../../src-shared/engine/engine'
import { excitatoryWeights } from '../../src-shared/engine/weights'
import { notebookExperiment, sweepExperiment } from '../../src-shared/experiment/presets'
import { SimPool } from '../pool/sim-pool'
import workerPath from '../pool/worker-path'
import { runExperiment } from '../runs/run-experiment'
import { writeResults } from '../cli/write-results'
import { encodeRasterGif } from '../gif/gif-writer'
import { timeMedian } from './stats'

const args = new Set(process.argv.slice(2))
const json = args.has('--json')
const quick = args.has('--quick')
const log = (s: string): void => {
  if (!json) process.stdout.write(`${s}\n`)
}

async function engineFigures(engine: EngineKind) {
  const p = defaultParameterSet()
  const weights = excitatoryWeights(p.network, p.synaptic_weights)
  const reps = quick ? 3 : 7
  const inputs = () => makeInputs(inputSpecOf(p), { engine })
  const sim = (inp: ReturnType<typeof inputs>) => runSimulation(p, inp, { weights, engine })
  sim(inputs()) // warm-up (JIT)
  const exact = await timeMedian(reps, () => sim(inputs()))
  const generated = inputs()
  const inputsOnly = await timeMedian(reps, inputs)
  const reused = await timeMedian(reps, () => sim(generated))
  const fastSpec = { ...inputSpecOf(p), mode: 'fast' as const }
  const fast = await timeMedian(reps, () => sim(makeInputs(fastSpec, { engine })))
  return { exact, reused, fast, inputsOnly, run: sim(generated) }
}

async function experiment4(): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const out = mkdtempSync(join(tmpdir(), 'sat-bench-'))
    const t = performance.now()
    const pool = new SimPool({ workerPath })
    const exp = notebookExperiment()
    const outcome = await runExperiment(exp, { pool, gifs: 'first' })
    await writeResults(out, exp, outcome, { appVersion: 'bench', threads: pool.maxThreads, cores: availableParallelism() })
    await pool.destroy()
    times.push((performance.now() - t) / 1000)
    rmSync(out, { recursive: true, force: true })
  }
  return times
}

async function sweep(): Promise<number> {
  const pool = new SimPool({ workerPath })
  const t = performance.now()
  const outcome = await runExperiment(sweepExperiment(30), { pool, gifs: 'none' })
  const s = (performance.now() - t) / 1000
  await pool.destroy()
  if (outcome.finished.length !== 210) throw new Error(`sweep finished ${outcome.finished.length} of 210 runs`)
  return s
}

function numpyReference(): number | null {
  const r = spawnSync('python3', [join(process.cwd(), 'scripts/reference_numpy.py'), '5'], { encoding: 'utf8', timeout: 600_000 })
  if (r.status !== 0) {
    log(`numpy reference: not run (${(r.stderr || r.error?.message || 'python3 with numpy unavailable').trim().split('\n').at(-1)})`)
    return null
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!).seconds * 1000
}

async function main(): Promise<void> {
  const cores = availableParallelism()
  log(`Serotonin Attractor Workbench benchmark · ${cores} cores · Node ${process.versions.node}${quick ? ' · quick' : ''}`)
  const ts = await engineFigures('typescript')
  log(`TypeScript engine: exact-input run ${ts.exact.median.toFixed(0)} ms (inputs ${ts.inputsOnly.median.toFixed(0)} ms), inputs reused ${ts.reused.median.toFixed(0)} ms, fast mode ${ts.fast.median.toFixed(0)} ms`)
  const engine = defaultEngine()
  const e = engine === 'typescript' ? ts : await engineFigures(engine)
  log(`${engine === 'wasm' ? 'WebAssembly kernel (the default)' : 'TypeScript engine (the default here)'}:`)
  log(`exact-input run (inputs generated):  median ${e.exact.median.toFixed(0)} ms  [${e.exact.all.map((x) => x.toFixed(0)).join(', ')}]`)
  log(`  of which input generation:         median ${e.inputsOnly.median.toFixed(0)} ms`)
  log(`exact-input run (inputs reused):     median ${e.reused.median.toFixed(0)} ms`)
  log(`fast-input run:                      median ${e.fast.median.toFixed(0)} ms`)

  const panel = { raster: e.run, title: 'Normal Serotonin', terminationTimeS: null }
  const gif = await timeMedian(quick ? 2 : 5, () => encodeRasterGif([panel], { frames: 50 }))
  const gifFrameMs = gif.median / 50
  log(`GIF frame (1200x600, render + encode): median ${gifFrameMs.toFixed(2)} ms`)

  const exp4 = await experiment4()
  const exp4s = exp4.sort((a, b) => a - b)[exp4.length >> 1]
  log(`four-condition experiment with GIFs (pool start to files written): median ${exp4s.toFixed(2)} s`)

  let sweepS: number | null = null
  if (!quick) {
    log('sweep: mu_exc 0.97..1.03, 7 x 30 runs of 5 s (exact inputs)…')
    sweepS = await sweep()
    log(`sweep of 210 runs: ${sweepS.toFixed(1)} s (the reference: about 2 hours)`)
  }
  let numpyMs: number | null = null
  if (args.has('--numpy')) {
    log('numpy reference approach, one 5-s run side by side (takes a minute)…')
    numpyMs = numpyReference()
    if (numpyMs !== null) log(`numpy: ${(numpyMs / 1000).toFixed(1)} s per run → workbench exact run is ${(numpyMs / e.exact.median).toFixed(0)}x faster`)
  }
  const peakRss = process.resourceUsage().maxRSS / 1024
  log(`peak RSS: ${peakRss.toFixed(0)} MB`)
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        cores,
        engine,
        typescript_engine_exact_run_ms: Math.round(ts.exact.median),
        exact_run_ms: Math.round(e.exact.median),
        exact_run_reused_inputs_ms: Math.round(e.reused.median),
        fast_run_ms: Math.round(e.fast.median),
        experiment4_with_gifs_s: Number(exp4s.toFixed(3)),
        sweep_210_s: sweepS === null ? null : Number(sweepS.toFixed(2)),
        gif_frame_ms: Number(gifFrameMs.toFixed(3)),
        peak_rss_mb: Math.round(peakRss),
        ...(numpyMs !== null ? { numpy_reference_run_ms: Math.round(numpyMs), speedup_vs_numpy: Number((numpyMs / e.exact.median).toFixed(1)) } : {})
      })}\n`
    )
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exitCode = 1
})
