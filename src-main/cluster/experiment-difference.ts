/** The first way two experiments differ, in words ("condition 'low' differs"), or undefined when they are the same. */
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import { experimentFingerprint } from './shard-file'

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export function experimentDifference(a: ExperimentSpec, b: ExperimentSpec): string | undefined {
  if (experimentFingerprint(a, '', false) === experimentFingerprint(b, '', false)) return undefined
  if (a.name !== b.name) return `it is named '${a.name}', they '${b.name}'`
  const names = (e: ExperimentSpec): string[] => e.conditions.map((c) => c.name)
  for (const c of b.conditions) {
    const other = a.conditions.find((x) => x.name === c.name)
    if (!other) return `it has no condition '${c.name}'`
    if (!same(other, c)) return `condition '${c.name}' differs`
  }
  const extra = names(a).find((n) => !names(b).includes(n))
  if (extra) return `it has a condition '${extra}' they do not`
  for (const k of new Set([...Object.keys(a.parameterSets), ...Object.keys(b.parameterSets)])) {
    if (!same(a.parameterSets[k], b.parameterSets[k])) return `parameter set '${k}' differs`
  }
  return 'its control or GIF settings differ'
}
