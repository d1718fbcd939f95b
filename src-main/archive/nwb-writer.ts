/**
 * One run's spikes as an NWB 2.x file (core namespace): the Units table (spike_times with
 * spike_times_index, one unit per neuron, `population` exc/inh and `preferred_angle_deg`), the
 * stimulus as a TimeIntervals table, and the provenance in /general. Written with h5wasm, so it
 * runs in the main process, the headless runner and worker threads alike.
 */
import { randomUUID } from 'node:crypto'
import type { ArchivedRun } from '../project/run-archive'
import { canonicalParameterJson } from '../../src-shared/params/canonical'
import { orderedProvenance } from '../../src-shared/provenance/run-provenance'
import { preferredAngle } from '../../src-shared/engine/weights'
import { APP_NAME_FOR_FILES } from './app-name'
import { writeH5Atomic, type H5File, type H5Group } from './h5-file'
import { spikesByNeuron } from './spikes-by-neuron'

export const NWB_VERSION = '2.7.0'

function typed(g: H5Group | H5File, type: string, extra: Record<string, string | string[]> = {}): void {
  g.create_attribute('namespace', 'core')
  g.create_attribute('neurodata_type', type)
  g.create_attribute('object_id', randomUUID())
  for (const [k, v] of Object.entries(extra)) g.create_attribute(k, v)
}

type Column = Float64Array | Uint32Array | Int32Array | string[]

/** A DynamicTable column (VectorData) with its description. */
function column(table: H5Group, name: string, data: Column, description: string, attrs: Record<string, number | string> = {}): void {
  table.create_dataset({ name, data })
  const ds = table.get(name) as unknown as H5Group
  typed(ds, 'VectorData', { description })
  for (const [k, v] of Object.entries(attrs)) ds.create_attribute(k, v)
}

function ids(table: H5Group, n: number): void {
  table.create_dataset({ name: 'id', data: Int32Array.from({ length: n }, (_, i) => i) })
  typed(table.get('id') as unknown as H5Group, 'ElementIdentifiers')
}

/** ISO 8601 with an explicit UTC offset, as NWB's isodatetime asks. */
function nwbTime(iso: string): string {
  return iso.replace(/Z$/, '+00:00')
}

export interface NwbContext {
  experimentName: string
  /** The experiment file, when the run came from one (general/source_script's file_name). */
  experimentFile?: string
}

/** The dataset at `path` as a string (for scalar string datasets and attributes). */
function text(g: H5File, path: string): string {
  return String((g.get(path) as unknown as { value: unknown }).value)
}

export async function writeNwb(path: string, run: ArchivedRun, ctx: NwbContext): Promise<{ bytes: number }> {
  const { record: r, params: p } = run
  const nNeurons = run.Ne + run.Ni
  const byNeuron = spikesByNeuron(run.steps, run.neurons, nNeurons)
  const dtS = run.dt_ms / 1000
  const prov = r.provenance
  const started = nwbTime(prov?.started_at ?? new Date().toISOString())
  const identifier = `serotonin-workbench:${r.runId}:${prov?.spikes_sha256.slice(0, 16) ?? 'no-provenance'}`
  const description =
    `Simulated spikes of the serotonin ring-attractor model (${run.Ne} excitatory + ${run.Ni} inhibitory Izhikevich neurons), ` +
    `experiment '${ctx.experimentName}', condition '${r.condition}', repetition ${r.rep + 1} ` +
    `(mu_exc ${r.mu_exc}, mu_inh ${r.mu_inh}, seed ${r.seed}, stimulus at ${r.orientationDeg} deg, ${r.inputMode} inputs).`

  return writeH5Atomic(
    path,
    (f) => {
      typed(f, 'NWBFile', { nwb_version: NWB_VERSION })
      f.create_dataset({ name: 'identifier', data: identifier })
      f.create_dataset({ name: 'session_description', data: description })
      f.create_dataset({ name: 'session_start_time', data: started })
      f.create_dataset({ name: 'timestamps_reference_time', data: started })
      f.create_dataset({ name: 'file_create_date', data: [nwbTime(new Date().toISOString())] })
      for (const g of ['acquisition', 'analysis', 'processing', 'stimulus', 'stimulus/presentation', 'stimulus/templates', 'general', 'intervals']) f.create_group(g)

      const general = f.get('general') as H5Group
      general.create_dataset({ name: 'experiment_description', data: ctx.experimentName })
      general.create_dataset({ name: 'pharmacology', data: `Serotonin modelled as gain scaling: mu_exc = ${r.mu_exc}, mu_inh = ${r.mu_inh} (condition '${r.condition}').` })
      general.create_dataset({ name: 'protocol', data: canonicalParameterJson(p) })
      general.create_dataset({
        name: 'data_collection',
        data: JSON.stringify(prov ? orderedProvenance(prov) : { note: 'provenance was not recorded for this run (saved before project format 3)' })
      })
      general.create_dataset({ name: 'source_script', data: `${APP_NAME_FOR_FILES} ${prov?.app_version ?? 'unknown version'}` })
      ;(general.get('source_script') as unknown as H5Group).create_attribute('file_name', ctx.experimentFile ?? 'built-in reference experiment')
      general.create_dataset({
        name: 'notes',
        data: 'general/protocol is the canonical JSON of the full resolved parameter set (its SHA-256 is parameters_sha256); general/data_collection is the run provenance as JSON.'
      })
      general.create_dataset({ name: 'keywords', data: ['serotonin', 'ring attractor', 'working memory', 'Izhikevich', 'simulation'] })

      const units = f.create_group('units')
      typed(units, 'Units', {
        description: 'One unit per model neuron: excitatory neurons 0..Ne-1 on the ring, then the inhibitory ones.',
        colnames: ['spike_times', 'population', 'preferred_angle_deg']
      })
      ids(units, nNeurons)
      const times = new Float64Array(byNeuron.steps.length)
      for (let k = 0; k < times.length; k++) times[k] = byNeuron.steps[k] * dtS
      column(units, 'spike_times', times, 'Spike times of each unit, s from session start (step index x dt).', { resolution: dtS })
      units.create_dataset({ name: 'spike_times_index', data: byNeuron.offsets.slice(1) })
      const index = units.get('spike_times_index') as unknown as H5Group & { create_attribute(n: string, v: unknown): void }
      typed(index, 'VectorIndex', { description: 'Index into spike_times: unit i spans spike_times_index[i-1]..spike_times_index[i].' })
      index.create_attribute('target', (units.get('spike_times') as unknown as { create_reference(): unknown }).create_reference())
      column(units, 'population', Array.from({ length: nNeurons }, (_, i) => (i < run.Ne ? 'exc' : 'inh')), 'exc: excitatory ring neuron; inh: inhibitory neuron.')
      column(
        units,
        'preferred_angle_deg',
        Float64Array.from({ length: nNeurons }, (_, i) => (i < run.Ne ? preferredAngle(i, run.Ne) : NaN)),
        'Preferred angle on the ring (i / Ne x 360 deg); NaN for inhibitory neurons, which are untuned.'
      )

      const stim = (f.get('intervals') as H5Group).create_group('stimulus')
      typed(stim, 'TimeIntervals', {
        description: 'The orientation cue: input rates are raised around this orientation between start_time and stop_time.',
        colnames: ['start_time', 'stop_time', 'orientation_deg']
      })
      ids(stim, 1)
      column(stim, 'start_time', new Float64Array([p.stimulus.t_on_s]), 'Stimulus onset, s.')
      column(stim, 'stop_time', new Float64Array([p.stimulus.t_off_s]), 'Stimulus offset (start of the delay period), s.')
      column(stim, 'orientation_deg', new Float64Array([r.orientationDeg]), 'Stimulus orientation on the ring, deg.')
    },
    (f) => {
      const index = (f.get('units/spike_times_index') as unknown as { value: Uint32Array }).value
      if (index.length !== nNeurons || (index[nNeurons - 1] ?? 0) !== run.steps.length || text(f, 'identifier') !== identifier) {
        throw new Error('the file read back does not hold the spikes that were written')
      }
    }
  )
}
