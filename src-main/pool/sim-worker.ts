/**
 * The worker-thread entry: one file serves the desktop app and the headless runner. Keeps the
 * E->E weight block cached between runs of the same network.
 */
import { move } from 'piscina'
import { makeInputs, runSimulation } from '../../src-shared/engine/engine'
import { excitatoryWeights } from '../../src-shared/engine/weights'
import { summarizeRun } from '../../src-shared/analysis/summary'
import { terminationDecided } from '../../src-shared/analysis/early-stop'
import type { InputTrain } from '../../src-shared/engine/types'
import type { ParameterSet } from '../../src-shared/params/types'
import type { CrashTask, GifTask, InputsTask, SimulateOutput, SimulateTask, WorkerTask } from './tasks'
import { encodeGifTask } from './gif-task'
import { transferable } from './transfer'

/** Progress messages per run at most one per this interval (plus the last). */
const PROGRESS_INTERVAL_MS = 50

let cachedWeights: { key: string; weights: Float64Array } | undefined

function weightsFor(p: ParameterSet): Float64Array {
  const key = `${p.network.Ne}|${p.synaptic_weights.sigma}|${p.synaptic_weights.j_ee}`
  if (cachedWeights?.key !== key) cachedWeights = { key, weights: excitatoryWeights(p.network, p.synaptic_weights) }
  return cachedWeights.weights
}

function signalOf(buffer: SharedArrayBuffer): { readonly aborted: boolean } {
  const flag = new Int32Array(buffer)
  return {
    get aborted() {
      return Atomics.load(flag, 0) === 1
    }
  }
}

function runInputs(task: InputsTask): unknown {
  const train = makeInputs(task.spec, { signal: signalOf(task.cancel) })
  // Shared buffers: every run with this input key reads the same memory, in any worker.
  const rowStart = new Uint32Array(new SharedArrayBuffer(train.rowStart.byteLength))
  rowStart.set(train.rowStart)
  const cols = new Uint16Array(new SharedArrayBuffer(Math.max(2, train.cols.byteLength)))
  cols.set(train.cols)
  const shared: InputTrain = { ...train, rowStart, cols: cols.subarray(0, train.cols.length) }
  return shared
}

function runSimulationTask(task: SimulateTask): unknown {
  const started = performance.now()
  let lastPostedAt = -Infinity
  const result = runSimulation(task.params, task.inputs, {
    signal: signalOf(task.cancel),
    weights: weightsFor(task.params),
    probes: task.probes,
    stopWhen: task.earlyStop ? terminationDecided(task.params) : undefined,
    onProgress: task.progress
      ? (f) => {
          // A bar redrawn ~20 times a second looks continuous; a message per percent cost a
          // 150-ms run about 5% of its time in postMessage (profiled in the 210-run sweep).
          const now = performance.now()
          if (now - lastPostedAt >= PROGRESS_INTERVAL_MS || f === 1) {
            lastPostedAt = now
            task.progress!.postMessage({ fraction: f })
          }
        }
      : undefined
  })
  task.progress?.close()
  const summary = summarizeRun(result, task.params, task.orientationDeg)
  const out: SimulateOutput = { result, summary, elapsedMs: performance.now() - started }
  const buffers: ArrayBuffer[] = [result.steps.buffer, result.neurons.buffer, result.counts.buffer, result.delayInputSum.buffer] as ArrayBuffer[]
  if (result.probes) {
    const p = result.probes
    buffers.push(...([p.v, p.u, p.I_ampa, p.I_nmda, p.I_gabaa, p.I_gabab, p.I_bg].map((a) => a.buffer) as ArrayBuffer[]))
  }
  return transferable(out, buffers)
}

async function runGif(task: GifTask): Promise<unknown> {
  if (task.crashForTest) process.exit(70)
  const bytes = await encodeGifTask(task, signalOf(task.cancel))
  task.progress?.close()
  return move(bytes)
}

function crash(task: CrashTask): never {
  if (task.how === 'exit') process.exit(71)
  throw new Error('Deliberate failure for testing')
}

export default function handle(task: WorkerTask): unknown {
  switch (task.kind) {
    case 'inputs':
      return runInputs(task)
    case 'simulate':
      return runSimulationTask(task)
    case 'gif':
      return runGif(task)
    case 'crash':
      return crash(task)
  }
}
