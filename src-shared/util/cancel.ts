/** The part of AbortSignal the pure code needs; src-shared has no DOM or Node typings to name AbortSignal. */
export interface CancelSignal {
  readonly aborted: boolean
}
