/**
 * How a run was made, recorded with every result (results.json, project runs, NWB `general`), so
 * `--verify` and the app's Verify can rerun it and say whether the spikes are the same. Keys are
 * snake_case because they are written as they are into results.json and NWB files.
 */
import { bool, literal, num, obj, opt, str, union, type Guard } from '../ipc/guards'
import type { EngineKind } from '../engine/types'

export interface RunProvenance {
  app_version: string
  engine: EngineKind
  input_mode: 'exact' | 'fast'
  /**
   * True when the stimulus orientation was drawn from the seed (numpy's randint(360), before the
   * inputs) rather than given: a rerun must draw it again to get the same input train.
   */
  orientation_drawn: boolean
  /** SHA-256 of canonicalParameterJson() of the full resolved parameter set (src-shared/params/canonical.ts). */
  parameters_sha256: string
  /** SHA-256 of the spikes: the step indices (uint32 little-endian) then the neuron indices (uint16 little-endian). */
  spikes_sha256: string
  spike_count: number
  /** SHA-256 of the experiment file's bytes, when the run came from one. */
  experiment_sha256?: string
  node_version: string
  /** Null in the headless runner. */
  electron_version: string | null
  /** process.platform-process.arch, e.g. linux-x64. */
  platform: string
  /** ISO 8601, UTC. */
  started_at: string
  finished_at: string
  /** Worker threads the run queue had when the run started. */
  threads: number
}

/** Every key results.json and the NWB files carry, in the order they are written. */
export const PROVENANCE_KEYS = [
  'app_version', 'engine', 'input_mode', 'orientation_drawn', 'parameters_sha256', 'spikes_sha256', 'spike_count', 'experiment_sha256',
  'node_version', 'electron_version', 'platform', 'started_at', 'finished_at', 'threads'
] as const satisfies ReadonlyArray<keyof RunProvenance>

const sha = str({ pattern: /^[0-9a-f]{64}$/, max: 64 })
const version = str({ max: 100 })
const isoTime = str({ max: 40, pattern: /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/ })

export const runProvenanceGuard: Guard<RunProvenance> = obj({
  app_version: version,
  engine: literal('wasm-simd', 'wasm', 'typescript'),
  input_mode: literal('exact', 'fast'),
  orientation_drawn: bool,
  parameters_sha256: sha,
  spikes_sha256: sha,
  spike_count: num({ min: 0, int: true }),
  experiment_sha256: opt(sha),
  node_version: version,
  electron_version: union(version, literal(null)),
  platform: str({ max: 100 }),
  started_at: isoTime,
  finished_at: isoTime,
  threads: num({ min: 1, max: 1024, int: true })
})

/** Provenance keys in PROVENANCE_KEYS order (JSON output that reads the same every time). */
export function orderedProvenance(p: RunProvenance): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of PROVENANCE_KEYS) if (p[k] !== undefined) out[k] = p[k]
  return out
}
