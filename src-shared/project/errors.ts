/** Why a project could not be read, as one sentence a scientist can act on. */
export type ProjectFormatProblem = 'not-project' | 'newer' | 'invalid'

export class ProjectFormatError extends Error {
  constructor(
    readonly problem: ProjectFormatProblem,
    message: string
  ) {
    super(message)
    this.name = 'ProjectFormatError'
  }
}
