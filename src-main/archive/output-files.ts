/** What the files of an output folder are (RO-Crate descriptions), and results.json's text form. */

const DESCRIPTIONS: Array<[RegExp, string]> = [
  [/^results\.json$/, 'Every run with its provenance, resolved parameters, measures and spike counts; per-condition statistics where the headless runner wrote it.'],
  [/^runs\.csv$/, 'One row per run: condition, seed, orientation and measures.'],
  [/^conditions\.csv$/, 'Per-condition means and tests against the control condition.'],
  [/\.gif$/, 'Animated raster and bump of one run.'],
  [/\.nwb$/, 'NWB 2.x file of one run: Units table with every neuron\'s spikes, stimulus intervals, provenance in /general.'],
  [/-spikes\.h5$/, 'SONATA spike report of one run (/spikes/exc, /spikes/inh; ms).']
]

export function describeOutput(rel: string): string {
  return DESCRIPTIONS.find(([re]) => re.test(rel))?.[1] ?? 'Output file.'
}

/** JSON with one-space indent; NaN and infinities (undefined measures) become null. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)
}
