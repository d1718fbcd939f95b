import { Piscina } from 'piscina'
import { MessageChannel } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import type { ParameterSet } from '../../src-shared/params/types'
import type { InputSpec } from '../../src-shared/engine/input-spec'
import type { InputTrain, ProbeSpec } from '../../src-shared/engine/types'
import type { GifSettings } from '../../src-shared/experiment/types'
import type { GifPanel, ProgressMessage, SimulateOutput, WorkerTask } from './tasks'
import type { CancelFlag } from './cancel-flag'

export interface SimPoolOptions {
  /** The built worker file (src-main/pool/worker-path.ts gives it in the bundle). */
  workerPath: string
  /** Worker threads at most; default: the machine's available cores. */
  maxThreads?: number
  /** Every run ends once its termination time is decided (opt-in; off keeps results reference-identical). */
  earlyStop?: boolean
}

interface Control {
  cancel: CancelFlag
  onProgress?: (fraction: number) => void
}

/**
 * Piscina pool of simulation workers. The run queue decides how many tasks run at once, so the
 * pool keeps its threads warm and never queues more than it is given.
 */
export class SimPool {
  readonly maxThreads: number
  readonly earlyStop: boolean
  private readonly piscina: Piscina

  constructor(opts: SimPoolOptions) {
    this.maxThreads = Math.max(1, opts.maxThreads ?? availableParallelism())
    this.earlyStop = opts.earlyStop ?? false
    this.piscina = new Piscina({
      filename: opts.workerPath,
      minThreads: 1,
      maxThreads: this.maxThreads,
      idleTimeout: 60_000,
      // Workers block in long synchronous loops; Atomics-based waiting gains nothing here.
      atomics: 'disabled'
    })
  }

  generateInputs(spec: InputSpec, control: Control): Promise<InputTrain> {
    return this.run({ kind: 'inputs', spec, cancel: control.cancel.buffer }) as Promise<InputTrain>
  }

  /** `earlyStop` asks this run to stop early even where the pool's option is off (the app's per-experiment switch). */
  simulate(params: ParameterSet, inputs: InputTrain, orientationDeg: number, control: Control, probes?: ProbeSpec, earlyStop = false): Promise<SimulateOutput> {
    return this.withProgress(control, (port) => ({
      kind: 'simulate', params, inputs, orientationDeg, cancel: control.cancel.buffer, progress: port, probes, earlyStop: this.earlyStop || earlyStop
    })) as Promise<SimulateOutput>
  }

  encodeGif(panels: GifPanel[], settings: GifSettings, control: Control): Promise<Uint8Array> {
    return this.withProgress(control, (port) => ({
      kind: 'gif', panels, settings, cancel: control.cancel.buffer, progress: port
    })) as Promise<Uint8Array>
  }

  /** Any task, for tests of fault handling (a worker that exits or throws). */
  run(task: WorkerTask, transferList: Array<import('node:worker_threads').MessagePort> = []): Promise<unknown> {
    return this.piscina.run(task, { transferList })
  }

  get utilization(): number {
    return this.piscina.utilization
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy()
  }

  private async withProgress(control: Control, make: (port: import('node:worker_threads').MessagePort | undefined) => WorkerTask): Promise<unknown> {
    if (!control.onProgress) return this.run(make(undefined))
    const { port1, port2 } = new MessageChannel()
    port1.on('message', (m: ProgressMessage) => control.onProgress?.(m.fraction))
    try {
      return await this.run(make(port2), [port2])
    } finally {
      port1.close()
    }
  }
}
