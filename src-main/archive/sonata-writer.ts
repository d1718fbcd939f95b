/**
 * A SONATA spike report (the format BMTK and NEST's SONATA tools read): /spikes/<population>/
 * {timestamps, node_ids} in ms, sorted by time, one population per neuron type, node ids counted
 * within the population.
 */
import type { ArchivedRun } from '../project/run-archive'
import { writeH5Atomic, type H5Group } from './h5-file'

export const SONATA_POPULATIONS = ['exc', 'inh'] as const

export async function writeSonataSpikes(path: string, run: ArchivedRun): Promise<{ bytes: number }> {
  const { steps, neurons, Ne } = run
  const isExc = (n: number): boolean => n < Ne
  const split = (exc: boolean): { t: Float64Array; ids: BigUint64Array } => {
    let count = 0
    for (let k = 0; k < neurons.length; k++) if (isExc(neurons[k]) === exc) count++
    const t = new Float64Array(count)
    const ids = new BigUint64Array(count)
    let j = 0
    for (let k = 0; k < neurons.length; k++) {
      if (isExc(neurons[k]) !== exc) continue
      t[j] = steps[k] * run.dt_ms
      ids[j++] = BigInt(exc ? neurons[k] : neurons[k] - Ne)
    }
    return { t, ids }
  }
  const parts = { exc: split(true), inh: split(false) }
  return writeH5Atomic(
    path,
    (f) => {
      f.create_attribute('magic', new Uint32Array([0x0a7a]))
      f.create_attribute('version', new Uint32Array([0, 1]))
      const spikes = f.create_group('spikes')
      for (const pop of SONATA_POPULATIONS) {
        const g = spikes.create_group(pop)
        g.create_attribute('sorting', 'by_time')
        g.create_dataset({ name: 'timestamps', data: parts[pop].t })
        ;(g.get('timestamps') as unknown as H5Group).create_attribute('units', 'ms')
        g.create_dataset({ name: 'node_ids', data: parts[pop].ids })
      }
    },
    (f) => {
      const n = (pop: string): number => ((f.get(`spikes/${pop}/node_ids`) as unknown as { shape: number[] }).shape[0] ?? 0)
      if (n('exc') + n('inh') !== steps.length) throw new Error('the file read back does not hold the spikes that were written')
    }
  )
}
