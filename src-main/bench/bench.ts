/**
 * `npm run bench [-- --json] [--quick] [--numpy] [--brian]`: speed figures on this machine.
 * A script, not a test: shared machines are noisy, so peers run side by side (interleaved
 * repetitions, medians) and the figures to read are their ratios; it asserts nothing.
 */
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { defaultEngine, makeInputs, runSimulation, type EngineKind } from '../../src-shared/engine/engine'
import { excitatoryWeights } from '../../src-shared/engine/weights'
import type { InputTrain } from '../../src-shared/engine/types'
import { notebookExperiment, sweepExperiment } from '../../src-shared/experiment/presets'
import { SimPool } from '../pool/sim-pool'
import workerPath from '../pool/worker-path'
import { runExperiment } from '../runs/run-experiment'
import { writeResults } from '../cli/write-results'
import { encodeRasterGif } from '../gif/gif-writer'
import { timeMedian } from './stats'
import { interleaved, type Contender } from './interleave'
import { buildBrian2, runBrian2, runNumpyPort, type Brian2Build } from './peers'

const args = new Set(process.argv.slice(2))
const json = args.has('--json')
const quick = args.has('--quick')
const root = process.cwd()
const log = (s: string): void => {
  if (!json) process.stdout.write(`${s}\n`)
}
const ms = (x: number): string => `${x.toFixed(0)} ms`
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ')

const ENGINE_NAMES: Record<EngineKind, string> = { 'wasm-simd': 'SIMD kernel', wasm: 'scalar kernel', typescript: 'TypeScript engine' }

function engineContenders(engines: EngineKind[], brian: Brian2Build | null) {
  const normal = defaultParameterSet()
  const decreased = defaultParameterSet()
  decreased.serotonin.mu_exc = 1.02
  decreased.serotonin.mu_inh = 1.02
  const weights = excitatoryWeights(normal.network, normal.synaptic_weights)
  const spec = inputSpecOf(normal)
  const fastSpec = { ...spec, mode: 'fast' as const }
  const shared: InputTrain = makeInputs(spec)
  const spikes: Record<string, number> = {}
  const contenders: Contender[] = []
  for (const engine of engines) {
    const sim = (p: typeof normal, inputs: InputTrain) => {
      const r = runSimulation(p, inputs, { weights, engine })
      if (r.engine !== engine) throw new Error(`asked for the ${engine} engine, ${r.engine ?? 'another'} ran`)
      return r
    }
    contenders.push(
      { name: `${engine} exact`, run: () => void sim(normal, makeInputs(spec, { engine })) },
      { name: `${engine} reused`, run: () => void (spikes.normal = sim(normal, shared).steps.length) },
      { name: `${engine} decreased`, run: () => void (spikes.decreased = sim(decreased, shared).steps.length) }
    )
    if (engine !== 'typescript') {
      contenders.push(
        { name: `${engine} inputs`, run: () => void makeInputs(spec, { engine }) },
        { name: `${engine} fast`, run: () => void sim(normal, makeInputs(fastSpec, { engine })) }
      )
    }
  }
  if (brian) contenders.push({ name: 'brian2', run: () => runBrian2(brian) })
  return { contenders, spikes, shared }
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

/** The sweep's wall time, and the time its runs spent simulating in the workers, summed. */
async function sweep(): Promise<{ wallS: number; runS: number; threads: number }> {
  const pool = new SimPool({ workerPath })
  const t = performance.now()
  const outcome = await runExperiment(sweepExperiment(30), { pool, gifs: 'none' })
  const wallS = (performance.now() - t) / 1000
  await pool.destroy()
  if (outcome.finished.length !== 210) throw new Error(`sweep finished ${outcome.finished.length} of 210 runs`)
  const runS = outcome.finished.reduce((sum, r) => sum + r.record.elapsedMs, 0) / 1000
  return { wallS, runS, threads: pool.maxThreads }
}

async function main(): Promise<void> {
  const cores = availableParallelism()
  const loadStart = load()
  const engine = defaultEngine()
  log(`Serotonin Attractor Workbench benchmark · ${cores} cores · Node ${process.versions.node}${quick ? ' · quick' : ''} · load average ${loadStart}`)
  log(`default engine here: ${ENGINE_NAMES[engine]}`)

  let brian: Brian2Build | null = null
  let brianSkipped: string | null = null
  if (args.has('--brian')) {
    log('Brian2: generating and compiling the C++ standalone project of scripts/brian2_model.py (a minute or two)…')
    const dir = mkdtempSync(join(tmpdir(), 'sat-brian2-'))
    const b = buildBrian2(root, dir)
    if (typeof b === 'string') log(`Brian2: not run (${(brianSkipped = b)})`)
    else brian = b
  }

  const kernels: EngineKind[] = engine === 'wasm-simd' ? ['wasm-simd', 'wasm'] : engine === 'wasm' ? ['wasm'] : []
  const engines: EngineKind[] = [...kernels, 'typescript']
  const { contenders, spikes } = engineContenders(engines, brian)
  interleaved(contenders, 1) // warm-up (JIT, kernel compilation, Brian2's files in the page cache)
  const reps = quick ? 3 : 7
  const t = interleaved(contenders, reps)
  const med = (name: string): number => t.get(name)!.wall?.median ?? Number.NaN
  const cpu = (name: string): number => t.get(name)!.cpu.median
  log(`\nSide by side: ${reps} interleaved repetitions, medians of wall time (CPU time), 5-s run of the default network:`)
  const row = (label: string, key: string, list = engines): void =>
    log(`  ${label.padEnd(40)} ${list.filter((e) => t.has(`${e} ${key}`)).map((e) => `${ENGINE_NAMES[e]} ${ms(med(`${e} ${key}`))} (${ms(cpu(`${e} ${key}`))})`).join(' · ')}`)
  row('exact-input run, inputs generated:', 'exact')
  row('  of which input generation:', 'inputs')
  row('exact-input run, inputs reused:', 'reused')
  row('fast-input run:', 'fast')
  row(`decreased serotonin (${spikes.decreased} spikes), reused:`, 'decreased')
  log(`  normal run spikes: ${spikes.normal}`)
  let brianMs: number | null = null
  if (brian) {
    brianMs = cpu('brian2')
    log(`  Brian2 ${brian.version} C++ standalone run loop (same network and inputs, ${brian.spikes} spikes), CPU time as Brian2 reports it (std::clock): ${ms(brianMs)} · compile (make) ${brian.compileS.toFixed(1)} s`)
    log(`  → CPU time, ${ENGINE_NAMES[engine]} / Brian2 run loop: inputs reused ${(cpu(`${engine} reused`) / brianMs).toFixed(2)}, inputs generated ${(cpu(`${engine} exact`) / brianMs).toFixed(2)}`)
  }
  if (kernels.length) log(`  → TypeScript engine / ${ENGINE_NAMES[engine]}, exact run, CPU time: ${(cpu('typescript exact') / cpu(`${engine} exact`)).toFixed(2)}x`)

  const panel = { raster: runSimulation(defaultParameterSet(), makeInputs(inputSpecOf(defaultParameterSet()))), title: 'Normal Serotonin', terminationTimeS: null }
  const gif = await timeMedian(quick ? 2 : 5, () => encodeRasterGif([panel], { frames: 50 }))
  const gifFrameMs = gif.median / 50
  log(`\nGIF frame (1200x600, render + encode): median ${gifFrameMs.toFixed(2)} ms`)

  const exp4 = await experiment4()
  const exp4s = exp4.sort((a, b) => a - b)[exp4.length >> 1]
  log(`four-condition experiment with GIFs (pool start to files written): median ${exp4s.toFixed(2)} s`)

  let sw: Awaited<ReturnType<typeof sweep>> | null = null
  if (!quick) {
    log('sweep: mu_exc 0.97..1.03, 7 x 30 runs of 5 s (exact inputs)…')
    sw = await sweep()
    // Summed run times / threads is the wall time a pool with no overhead would take.
    log(`sweep of 210 runs: ${sw.wallS.toFixed(1)} s · runs in the workers ${(sw.runS / 210 * 1000).toFixed(0)} ms each on average, ${(sw.runS / sw.threads).toFixed(1)} s per thread (${((100 * sw.runS) / sw.threads / sw.wallS).toFixed(0)}% of the wall time)`)
  }
  let numpy: { ms: number; spikes: number } | null = null
  if (args.has('--numpy')) {
    log('numpy port of the reference loop (scripts/reference_numpy.py: our vectorised re-implementation, not the reference’s code), one 5-s run…')
    const r = runNumpyPort(root)
    if (typeof r === 'string') log(`numpy port: not run (${r})`)
    else {
      numpy = r
      log(`numpy port: ${(r.ms / 1000).toFixed(1)} s per run (${r.spikes} spikes) → ${ENGINE_NAMES[engine]} exact run is ${(r.ms / med(`${engine} exact`)).toFixed(0)}x faster`)
    }
  }
  if (brian) rmSync(brian.directory, { recursive: true, force: true })
  const peakRss = process.resourceUsage().maxRSS / 1024
  const loadEnd = load()
  log(`peak RSS: ${peakRss.toFixed(0)} MB · load average at the end ${loadEnd}`)
  if (json) {
    const k = (key: string): number | null => (t.get(key)?.wall ? Math.round(med(key)) : null)
    process.stdout.write(
      `${JSON.stringify({
        cores,
        engine,
        load_average_start: loadStart,
        load_average_end: loadEnd,
        repetitions: reps,
        typescript_engine_exact_run_ms: k('typescript exact'),
        typescript_engine_reused_ms: k('typescript reused'),
        scalar_kernel_exact_run_ms: k('wasm exact'),
        scalar_kernel_reused_ms: k('wasm reused'),
        exact_run_ms: k(`${engine} exact`),
        inputs_ms: k(`${engine} inputs`),
        exact_run_reused_inputs_ms: k(`${engine} reused`),
        fast_run_ms: k(`${engine} fast`),
        decreased_serotonin_reused_ms: k(`${engine} decreased`),
        decreased_serotonin_spikes: spikes.decreased,
        normal_spikes: spikes.normal,
        cpu_ms: Object.fromEntries([...t].map(([name, x]) => [name, Math.round(x.cpu.median)])),
        experiment4_with_gifs_s: Number(exp4s.toFixed(3)),
        sweep_210_s: sw === null ? null : Number(sw.wallS.toFixed(2)),
        sweep_run_mean_ms: sw === null ? null : Math.round((sw.runS / 210) * 1000),
        sweep_threads: sw === null ? null : sw.threads,
        gif_frame_ms: Number(gifFrameMs.toFixed(3)),
        peak_rss_mb: Math.round(peakRss),
        ...(brian && brianMs !== null
          ? {
              brian2_version: brian.version,
              brian2_run_loop_ms: Math.round(brianMs),
              brian2_run_loop_clock: 'CPU time (std::clock), as Brian2 reports it',
              brian2_compile_s: Number(brian.compileS.toFixed(1)),
              brian2_spikes: brian.spikes,
              reused_over_brian2_cpu: Number((cpu(`${engine} reused`) / brianMs).toFixed(3)),
              exact_over_brian2_cpu: Number((cpu(`${engine} exact`) / brianMs).toFixed(3))
            }
          : {}),
        ...(brianSkipped ? { brian2_skipped: brianSkipped } : {}),
        ...(numpy ? { numpy_port_run_ms: Math.round(numpy.ms), speedup_vs_numpy_port: Number((numpy.ms / med(`${engine} exact`)).toFixed(1)) } : {})
      })}\n`
    )
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exitCode = 1
})
