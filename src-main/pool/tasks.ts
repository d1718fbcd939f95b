/**
 * Messages between the main thread and the simulation workers. Big arrays travel as transferred
 * or shared buffers, never copied element by element.
 */
import type { MessagePort } from 'node:worker_threads'
import type { ParameterSet } from '../../src-shared/params/types'
import type { InputSpec } from '../../src-shared/engine/input-spec'
import type { InputTrain, ProbeSpec, SimulationResult, SpikeRaster } from '../../src-shared/engine/types'
import type { RunSummary } from '../../src-shared/analysis/summary'
import type { GifSettings } from '../../src-shared/experiment/types'

export interface InputsTask {
  kind: 'inputs'
  spec: InputSpec
  /** Int32Array(1) over a SharedArrayBuffer: 1 means cancelled. */
  cancel: SharedArrayBuffer
}

export interface SimulateTask {
  kind: 'simulate'
  params: ParameterSet
  /** Arrays over SharedArrayBuffers, shared by every run with the same input key. */
  inputs: InputTrain
  cancel: SharedArrayBuffer
  progress?: MessagePort
  probes?: ProbeSpec
  orientationDeg: number
  /** End the run once its termination time is decided (opt-in early stopping). */
  earlyStop?: boolean
}

/** One run of a GIF: its raster plus what the frames draw around it. */
export interface GifPanel extends SpikeRaster {
  title: string
  t_on_s: number
  t_off_s: number
  /** Marker drawn at t_off + termination time, when given. */
  terminationTimeS?: number
}

export interface GifTask {
  kind: 'gif'
  panels: GifPanel[]
  settings: GifSettings
  cancel: SharedArrayBuffer
  progress?: MessagePort
  /** Test hook: makes the worker thread die mid-task, as a crash would. */
  crashForTest?: boolean
}

export interface CrashTask {
  kind: 'crash'
  how: 'exit' | 'throw'
}

export type WorkerTask = InputsTask | SimulateTask | GifTask | CrashTask

export interface SimulateOutput {
  result: SimulationResult
  summary: RunSummary
  elapsedMs: number
}

export type ProgressMessage = { fraction: number }
