/** The two hashes a run record carries, so every run stays tied to the exact parameters it ran with. */
import { conditionParametersSha256, parametersSha256 } from './canonical'
import type { ParameterSet } from './types'

export interface RunParameterHashes {
  parametersSha256: string
  conditionSha256: string
}

export function parameterHashes(params: ParameterSet): RunParameterHashes {
  return { parametersSha256: parametersSha256(params), conditionSha256: conditionParametersSha256(params) }
}
