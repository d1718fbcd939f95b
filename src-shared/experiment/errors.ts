/**
 * Problems found in an experiment file. Each names the condition, set or key,
 * the value and what would be accepted, with the line of the experiment file,
 * so the file can be fixed without reading code.
 */

export interface ExperimentProblem {
  /** A complete explanation, without the file name (formatExperimentProblem adds it). */
  message: string
  /** 1-based line in the experiment file. */
  line?: number
  /** 1-based column in the experiment file. */
  column?: number
  /** Where in the document, e.g. "conditions[2].mu_exc" or "parameter_sets.fast.network.Ne". */
  path?: string
}

export function formatExperimentProblem(p: ExperimentProblem, file?: string): string {
  const where = file ? (p.line !== undefined ? `${file}, line ${p.line}` : file) : p.line !== undefined ? `line ${p.line}` : ''
  return where ? `${where}: ${p.message}` : p.message
}

/** Ends `text` with exactly one full stop, unless it already ends with a question mark. */
function sentence(text: string): string {
  const t = text.replace(/[.\s]+$/, '')
  return /[?!]$/.test(t) ? t : `${t}.`
}

function summarise(errors: readonly ExperimentProblem[], file: string | undefined): string {
  if (errors.length === 0) return file ? `${file} could not be read as an experiment.` : 'The experiment could not be read.'
  const e = errors[0]
  if (errors.length === 1) return sentence(formatExperimentProblem(e, file))
  const first = e.line !== undefined ? `at line ${e.line}: ${e.message}` : e.message
  return sentence(`${file ?? 'The experiment'} has ${errors.length} problems; the first is ${first}`)
}

/** Thrown by parseExperimentYaml; `message` is one sentence, `errors` holds every problem found, in file order. */
export class ExperimentFileError extends Error {
  readonly errors: ExperimentProblem[]
  readonly file?: string

  constructor(errors: ExperimentProblem[], file?: string) {
    super(summarise(errors, file))
    this.name = 'ExperimentFileError'
    this.errors = errors
    this.file = file
  }
}
