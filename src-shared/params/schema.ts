/**
 * The one source of truth for every parameter: label, unit, range, default and
 * description. Validation, YAML I/O and the renderer's forms are all generated
 * from PARAMETER_SCHEMA, so a parameter is added or changed here and nowhere else.
 *
 * Defaults of the six reference groups are the reference study's YAML files
 * (resources/params/*.yaml) value for value; a unit test holds them equal.
 */
import type { GroupName, InputMode, ParameterSet } from './types'

export interface NumberFieldSpec {
  kind: 'number'
  label: string
  /** '' for dimensionless quantities. */
  unit: string
  description: string
  default: number
  /** Absent = unbounded on that side (finite values are always required). */
  min?: number
  minExclusive?: boolean
  max?: number
  maxExclusive?: boolean
  integer?: boolean
}

export interface EnumFieldSpec<T extends string = string> {
  kind: 'enum'
  label: string
  unit: ''
  description: string
  default: T
  options: readonly T[]
  /** One line per option, for tooltips. */
  optionDescriptions: Readonly<Record<T, string>>
}

export type FieldSpec = NumberFieldSpec | EnumFieldSpec

// Tuple-wrapped so a union of literals ('exact' | 'fast') maps to one enum spec, not a union of specs.
type FieldSpecFor<V> = [V] extends [number] ? NumberFieldSpec : [V] extends [string] ? EnumFieldSpec<V> : never

export interface GroupSpec<T> {
  title: string
  description: string
  /** The reference study's file holding this group (e.g. 'RS.yaml'), or null for settings the notebooks hard-coded. */
  file: string | null
  fields: { [K in keyof T]: FieldSpecFor<T[K]> }
}

export type ParameterSchema = { [G in GroupName]: GroupSpec<ParameterSet[G]> }

const VOLTAGE = { min: -500, max: 500 } as const

function neuronGroup(
  title: string,
  description: string,
  file: string,
  d: { C: number; k: number; v_r: number; v_t: number; v_peak: number; a: number; b: number; c: number; d: number; v: number; u: number }
): GroupSpec<ParameterSet['RS']> {
  return {
    title,
    description,
    file,
    fields: {
      C: { kind: 'number', label: 'Membrane capacitance', unit: 'pF', description: 'Membrane capacitance C; divides the total current in the voltage equation.', default: d.C, min: 0, minExclusive: true },
      k: { kind: 'number', label: 'Gain', unit: 'nS/mV', description: 'Gain k of the quadratic term k(v - v_r)(v - v_t).', default: d.k, min: 0, minExclusive: true },
      v_r: { kind: 'number', label: 'Resting potential', unit: 'mV', description: 'Resting membrane potential v_r.', default: d.v_r, ...VOLTAGE },
      v_t: { kind: 'number', label: 'Threshold potential', unit: 'mV', description: 'Instantaneous threshold potential v_t.', default: d.v_t, ...VOLTAGE },
      v_peak: { kind: 'number', label: 'Spike cut-off', unit: 'mV', description: 'A spike is recorded and v reset when v reaches v_peak.', default: d.v_peak, ...VOLTAGE },
      a: { kind: 'number', label: 'Recovery rate', unit: '1/ms', description: 'Rate a at which the recovery current u relaxes.', default: d.a, min: 0 },
      b: { kind: 'number', label: 'Recovery sensitivity', unit: 'nS', description: 'Sensitivity b of u to v - v_r (b < 0 amplifying, b > 0 resonant).', default: d.b },
      c: { kind: 'number', label: 'Reset potential', unit: 'mV', description: 'Voltage c that v is reset to after a spike.', default: d.c, ...VOLTAGE },
      d: { kind: 'number', label: 'After-spike jump of u', unit: 'pA', description: 'Amount d added to the recovery current u at each spike.', default: d.d },
      v: { kind: 'number', label: 'Initial potential', unit: 'mV', description: 'Membrane potential of every neuron of this population at step 0.', default: d.v, ...VOLTAGE },
      u: { kind: 'number', label: 'Initial recovery current', unit: 'pA', description: 'Recovery current u of every neuron of this population at step 0.', default: d.u }
    }
  }
}

export const PARAMETER_SCHEMA: ParameterSchema = {
  RS: neuronGroup(
    'Excitatory neurons (RS)',
    'Izhikevich regular-spiking neurons forming the excitatory ring.',
    'RS.yaml',
    { C: 100, k: 3, v_r: -60, v_t: -50, v_peak: 50, a: 0.01, b: 5, c: -60, d: 400, v: -60, u: 0 }
  ),
  FS: neuronGroup(
    'Inhibitory neurons (FS)',
    'Izhikevich fast-spiking interneurons providing global inhibition.',
    'FS.yaml',
    { C: 20, k: 1, v_r: -55, v_t: -40, v_peak: 25, a: 0.15, b: 8, c: -55, d: 200, v: -55, u: 0 }
  ),
  receptor_kinetics: {
    title: 'Receptor kinetics',
    description: 'Decay time constants of the four synaptic conductances and the increment each presynaptic spike adds.',
    file: 'receptor_kinetics.yaml',
    fields: {
      tau_ampa: { kind: 'number', label: 'AMPA time constant', unit: 'ms', description: 'Decay time constant of AMPA conductances (also of the background input conductance).', default: 5, min: 0, minExclusive: true },
      tau_nmda: { kind: 'number', label: 'NMDA time constant', unit: 'ms', description: 'Decay time constant of NMDA conductances.', default: 100, min: 0, minExclusive: true },
      tau_gabaa: { kind: 'number', label: 'GABA-A time constant', unit: 'ms', description: 'Decay time constant of GABA-A conductances.', default: 6, min: 0, minExclusive: true },
      tau_gabab: { kind: 'number', label: 'GABA-B time constant', unit: 'ms', description: 'Decay time constant of GABA-B conductances.', default: 150, min: 0, minExclusive: true },
      g_ampa: { kind: 'number', label: 'AMPA increment', unit: 'nS', description: 'AMPA conductance added by each excitatory spike.', default: 0.45, min: 0 },
      g_nmda: { kind: 'number', label: 'NMDA increment', unit: 'nS', description: 'NMDA conductance added by each excitatory spike.', default: 0.4, min: 0 },
      g_gabaa: { kind: 'number', label: 'GABA-A increment', unit: 'nS', description: 'GABA-A conductance added by each inhibitory spike.', default: 0.3, min: 0 },
      g_gabab: { kind: 'number', label: 'GABA-B increment', unit: 'nS', description: 'GABA-B conductance added by each inhibitory spike.', default: 0.05, min: 0 }
    }
  },
  synaptic_weights: {
    title: 'Synaptic weights',
    description: 'Connection strengths: a Gaussian ring profile between excitatory neurons, constants elsewhere.',
    file: 'synaptic_weights.yaml',
    fields: {
      sigma: { kind: 'number', label: 'Ring width', unit: 'deg', description: 'Width of the E->E profile j_ee * exp(-d^2 / sigma^2), d the circular distance between preferred angles.', default: 14.4, min: 0, minExclusive: true },
      j_ee: { kind: 'number', label: 'E->E weight', unit: '', description: 'Peak excitatory-to-excitatory weight.', default: 1, min: 0 },
      j_ei: { kind: 'number', label: 'E->I weight', unit: '', description: 'Excitatory-to-inhibitory weight (all pairs).', default: 0.3, min: 0 },
      j_ie: { kind: 'number', label: 'I->E weight', unit: '', description: 'Inhibitory-to-excitatory weight (all pairs).', default: 0.25, min: 0 },
      j_ii: { kind: 'number', label: 'I->I weight', unit: '', description: 'Inhibitory-to-inhibitory weight (all pairs).', default: 0.55, min: 0 }
    }
  },
  external_input: {
    title: 'External input',
    description: 'Background Bernoulli spike trains each neuron receives, and the conductance each input spike adds.',
    file: 'external_input.yaml',
    fields: {
      v_e: { kind: 'number', label: 'Excitatory input rate', unit: 'spikes/ms', description: 'Background input rate to each excitatory neuron (0.001 spikes/ms = 1 Hz).', default: 0.001, min: 0 },
      v_i: { kind: 'number', label: 'Inhibitory input rate', unit: 'spikes/ms', description: 'Background input rate to each inhibitory neuron (0.012 spikes/ms = 12 Hz).', default: 0.012, min: 0 },
      g_e_external: { kind: 'number', label: 'Input conductance to E', unit: 'nS', description: 'Background conductance added by an input spike to an excitatory neuron.', default: 20, min: 0 },
      g_i_external: { kind: 'number', label: 'Input conductance to I', unit: 'nS', description: 'Background conductance added by an input spike to an inhibitory neuron.', default: 7, min: 0 }
    }
  },
  stimuli_input: {
    title: 'Stimulus shape',
    description: 'During the stimulus, excitatory input rate = v_e * (1 + A * exp(eta * (cos(theta_i - theta_s) - 1))).',
    file: 'stimuli_input.yaml',
    fields: {
      A: { kind: 'number', label: 'Stimulus amplitude', unit: '', description: 'Peak relative increase A of the input rate at the stimulus orientation.', default: 100, min: 0 },
      eta: { kind: 'number', label: 'Stimulus sharpness', unit: '', description: 'Concentration eta of the stimulus tuning around its orientation (larger = narrower).', default: 1000, min: 0 }
    }
  },
  network: {
    title: 'Network size',
    description: 'Number of excitatory (RS) and inhibitory (FS) neurons.',
    file: null,
    fields: {
      Ne: { kind: 'number', label: 'Excitatory neurons', unit: '', description: 'Number of excitatory neurons on the ring; neuron i prefers angle i / Ne * 360.', default: 360, min: 1, max: 5000, integer: true },
      Ni: { kind: 'number', label: 'Inhibitory neurons', unit: '', description: 'Number of inhibitory interneurons.', default: 90, min: 1, max: 5000, integer: true }
    }
  },
  simulation: {
    title: 'Simulation',
    description: 'Run length, integration step, random seed and how the external input is drawn.',
    file: null,
    fields: {
      duration_s: { kind: 'number', label: 'Duration', unit: 's', description: 'Simulated time; the run has duration / dt steps.', default: 5, min: 0, minExclusive: true, max: 600 },
      dt_ms: { kind: 'number', label: 'Time step', unit: 'ms', description: 'Forward-Euler integration step.', default: 0.1, min: 0, minExclusive: true, max: 1 },
      seed: { kind: 'number', label: 'Random seed', unit: '', description: "Seed of numpy's legacy MT19937 for the external input (the reference uses 42).", default: 42, min: 0, max: 4294967295, integer: true },
      input_mode: {
        kind: 'enum',
        label: 'Input generation',
        unit: '',
        description: 'How external input spikes are drawn: exact numpy reproduction or a faster equivalent process.',
        default: 'exact' as InputMode,
        options: ['exact', 'fast'] as const,
        optionDescriptions: {
          exact: "Reproduces numpy's legacy RandomState draw for draw (spike-for-spike equal to the reference).",
          fast: 'The same Bernoulli process drawn by geometric skips: statistically equal, not spike-for-spike.'
        }
      }
    }
  },
  stimulus: {
    title: 'Stimulus timing',
    description: 'When the cue is shown and at which orientation.',
    file: null,
    fields: {
      t_on_s: { kind: 'number', label: 'Stimulus on', unit: 's', description: 'Time the stimulus starts.', default: 1, min: 0, max: 600 },
      t_off_s: { kind: 'number', label: 'Stimulus off', unit: 's', description: 'Time the stimulus ends and the delay period (memory) begins.', default: 1.25, min: 0, minExclusive: true, max: 600 },
      orientation_deg: { kind: 'number', label: 'Orientation', unit: 'deg', description: 'Orientation theta_s of the stimulus on the ring.', default: 100, min: 0, max: 360, maxExclusive: true }
    }
  },
  serotonin: {
    title: 'Serotonin',
    description: 'Weight mu multiplying each neuron\'s total input current; lower serotonin = larger mu (normal = 1).',
    file: null,
    fields: {
      mu_exc: { kind: 'number', label: 'mu (excitatory)', unit: '', description: 'Serotonin weight of excitatory neurons (reference conditions: 0.97, 1, 1.01, 1.02).', default: 1, min: 0, max: 10 },
      mu_inh: { kind: 'number', label: 'mu (inhibitory)', unit: '', description: 'Serotonin weight of inhibitory neurons.', default: 1, min: 0, max: 10 }
    }
  },
  termination: {
    title: 'Termination time',
    description: 'Sliding-window rule deciding when the bump dies after the stimulus.',
    file: null,
    fields: {
      burst_threshold_hz: { kind: 'number', label: 'Burst threshold', unit: 'Hz', description: 'A neuron above this rate ends the bump at once (100 Hz in the animations notebook, 80 Hz in the sweep notebook).', default: 100, min: 0, minExclusive: true },
      threshold_hz: { kind: 'number', label: 'Activity threshold', unit: 'Hz', description: 'The bump is alive while some neuron fires above this rate.', default: 12, min: 0 },
      window_steps: { kind: 'number', label: 'Window', unit: 'steps', description: 'Width of the rate-counting window (5000 steps = 500 ms at dt 0.1 ms).', default: 5000, min: 1, max: 100000000, integer: true },
      stride_steps: { kind: 'number', label: 'Stride', unit: 'steps', description: 'Distance between successive window centres.', default: 500, min: 1, max: 100000000, integer: true }
    }
  }
}

/** Display and iteration order of the groups: the reference files first. */
export const GROUP_NAMES: readonly GroupName[] = [
  'RS', 'FS', 'receptor_kinetics', 'synaptic_weights', 'external_input', 'stimuli_input',
  'network', 'simulation', 'stimulus', 'serotonin', 'termination'
]

/** The reference study's six files, by file name. */
export const REFERENCE_FILE_GROUPS: Readonly<Record<string, GroupName>> = Object.fromEntries(
  GROUP_NAMES.flatMap((g) => {
    const file = PARAMETER_SCHEMA[g].file
    return file ? [[file, g]] : []
  })
)

export const REFERENCE_GROUP_NAMES: readonly GroupName[] = GROUP_NAMES.filter((g) => PARAMETER_SCHEMA[g].file !== null)

export function isGroupName(name: unknown): name is GroupName {
  return typeof name === 'string' && (GROUP_NAMES as readonly string[]).includes(name)
}

export function fieldKeys<G extends GroupName>(group: G): Array<keyof ParameterSet[G] & string> {
  return Object.keys(PARAMETER_SCHEMA[group].fields) as Array<keyof ParameterSet[G] & string>
}

export function isFieldKey(group: GroupName, key: unknown): boolean {
  return typeof key === 'string' && Object.hasOwn(PARAMETER_SCHEMA[group].fields, key)
}

/** The spec of one field, or undefined for an unknown group or key. */
export function getFieldSpec(group: string, key: string): FieldSpec | undefined {
  if (!isGroupName(group)) return undefined
  const fields = PARAMETER_SCHEMA[group].fields as Record<string, FieldSpec>
  return Object.hasOwn(fields, key) ? fields[key] : undefined
}

export interface FieldEntry {
  group: GroupName
  key: string
  spec: FieldSpec
}

export interface GroupEntry {
  name: GroupName
  title: string
  description: string
  file: string | null
  fields: FieldEntry[]
}

/** Every field of a group in schema order, for generated forms. */
export function groupFields(group: GroupName): FieldEntry[] {
  const fields = PARAMETER_SCHEMA[group].fields as Record<string, FieldSpec>
  return Object.keys(fields).map((key) => ({ group, key, spec: fields[key] }))
}

/** Every group in display order with its fields. */
export function schemaGroups(): GroupEntry[] {
  return GROUP_NAMES.map((name) => {
    const g = PARAMETER_SCHEMA[name]
    return { name, title: g.title, description: g.description, file: g.file, fields: groupFields(name) }
  })
}

/** The defaults of one group, as a fresh object. */
export function defaultGroup<G extends GroupName>(group: G): ParameterSet[G] {
  const fields = PARAMETER_SCHEMA[group].fields as Record<string, FieldSpec>
  const out: Record<string, number | string> = {}
  for (const key of Object.keys(fields)) out[key] = fields[key].default
  return out as unknown as ParameterSet[G]
}

/** A complete parameter set of defaults; a fresh deep copy on every call. */
export function defaultParameterSet(): ParameterSet {
  const out: Record<string, unknown> = {}
  for (const g of GROUP_NAMES) out[g] = defaultGroup(g)
  return out as unknown as ParameterSet
}

/** A deep copy of a parameter set (all values are numbers or strings). */
export function cloneParameterSet(params: ParameterSet): ParameterSet {
  const out: Record<string, unknown> = {}
  for (const g of GROUP_NAMES) out[g] = { ...params[g] }
  return out as unknown as ParameterSet
}

function withUnit(x: number, unit: string): string {
  return unit ? `${x} ${unit}` : String(x)
}

/** The allowed range in words, e.g. "> 0 pF", "between 1 and 5000", "> 0 and <= 1 ms". */
export function describeRange(spec: NumberFieldSpec): string {
  const { min, max, unit } = spec
  const hasMin = min !== undefined
  const hasMax = max !== undefined
  if (hasMin && hasMax && !spec.minExclusive && !spec.maxExclusive) {
    return `between ${min} and ${withUnit(max, unit)}`
  }
  const parts: string[] = []
  if (hasMin) parts.push(`${spec.minExclusive ? '>' : '>='} ${min}`)
  if (hasMax) parts.push(`${spec.maxExclusive ? '<' : '<='} ${max}`)
  if (parts.length === 0) return unit ? `any finite number of ${unit}` : 'any finite number'
  const text = parts.join(' and ')
  return unit ? `${text} ${unit}` : text
}

export function isInRange(spec: NumberFieldSpec, x: number): boolean {
  if (spec.min !== undefined && (spec.minExclusive ? x <= spec.min : x < spec.min)) return false
  if (spec.max !== undefined && (spec.maxExclusive ? x >= spec.max : x > spec.max)) return false
  return true
}
