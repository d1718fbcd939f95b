/**
 * Structured parameter problems. Every message names the parameter, the value
 * and what would be accepted, so a scientist can fix the file without reading code.
 */

export type ParamErrorCode =
  | 'syntax'
  | 'alias'
  | 'too-large'
  | 'empty'
  | 'not-mapping'
  | 'unknown-file'
  | 'duplicate-file'
  | 'unknown-group'
  | 'unknown-key'
  | 'missing-group'
  | 'missing-key'
  | 'type'
  | 'not-finite'
  | 'range'
  | 'integer'
  | 'enum'
  | 'cross-field'
  | 'memory'
  | 'warning'

export interface ParamError {
  /** Group name, or '' when the problem concerns a whole file. */
  group: string
  /** Key within the group, or '' when the problem concerns a whole group or file. */
  key: string
  value: unknown
  /** A complete sentence-like explanation naming parameter, value and accepted range. */
  message: string
  code: ParamErrorCode
  file?: string
  /** 1-based line in `file`. */
  line?: number
  /** 1-based column in `file`. */
  column?: number
}

/** Soft issues (the run is possible but probably not what was meant) share the error shape. */
export type ParamWarning = ParamError

export function formatParamError(e: ParamError): string {
  const where = e.file ? (e.line !== undefined ? `${e.file}, line ${e.line}` : e.file) : e.line !== undefined ? `line ${e.line}` : ''
  return where ? `${where}: ${e.message}` : e.message
}

function summarise(errors: readonly ParamError[], file: string | undefined): string {
  if (errors.length === 0) return file ? `${file} could not be read as parameters.` : 'The parameters could not be read.'
  const first = formatParamError(errors[0]).replace(/[.\s]+$/, '')
  if (errors.length === 1) return /[?!]$/.test(first) ? first : `${first}.`
  const subject = file ?? 'The parameters'
  return `${subject} ${file ? 'has' : 'have'} ${errors.length} problems; the first is ${first}.`
}

/** Thrown by the YAML readers; `message` is one sentence, `errors` has every problem found. */
export class ParameterFileError extends Error {
  readonly errors: ParamError[]
  readonly file?: string

  constructor(errors: ParamError[], file?: string) {
    super(summarise(errors, file))
    this.name = 'ParameterFileError'
    this.errors = errors
    this.file = file
  }
}
