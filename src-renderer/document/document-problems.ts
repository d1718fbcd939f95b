/** Why a document cannot be saved or run yet, as one sentence naming the set and the parameter. */
import type { ParameterSet } from '../../src-shared/params/types'
import { validateParameterSet } from '../../src-shared/params/validate'
import { formatParamError } from '../../src-shared/params/errors'
import { projectDocumentGuard } from '../../src-shared/ipc/payloads'
import type { ProjectDocument } from '../../src-shared/ipc/contract'

function sentence(text: string): string {
  return text.replace(/[.\s]+$/, '')
}

export function parameterSetProblem(name: string, set: ParameterSet): string | null {
  const r = validateParameterSet(set)
  if (r.ok) return null
  const more = r.errors.length > 1 ? ` (and ${r.errors.length - 1} more problem${r.errors.length > 2 ? 's' : ''})` : ''
  return `Parameter set '${name}': ${sentence(formatParamError(r.errors[0]))}${more}.`
}

export function documentProblem(doc: ProjectDocument): string | null {
  for (const [name, set] of Object.entries(doc.parameterSets)) {
    const p = parameterSetProblem(name, set)
    if (p) return p
  }
  try {
    projectDocumentGuard.check(doc, 'document')
  } catch (e) {
    return `${sentence(e instanceof Error ? e.message : String(e))}.`
  }
  return null
}
