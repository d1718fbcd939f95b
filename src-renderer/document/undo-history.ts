/**
 * Undo/redo over immutable snapshots (serialised documents). Consecutive edits of the same
 * field within `coalesceMs` make one undo step, so typing "100" is undone at once, not digit by digit.
 */
export interface UndoHistoryOptions {
  limit?: number
  coalesceMs?: number
  now?: () => number
}

export class UndoHistory {
  private past: string[] = []
  private future: string[] = []
  private lastKey: string | null = null
  private lastTime = -Infinity
  private readonly limit: number
  private readonly coalesceMs: number
  private readonly now: () => number

  constructor(
    private current: string,
    opts: UndoHistoryOptions = {}
  ) {
    this.limit = opts.limit ?? 200
    this.coalesceMs = opts.coalesceMs ?? 500
    this.now = opts.now ?? Date.now
  }

  get snapshot(): string {
    return this.current
  }

  get canUndo(): boolean {
    return this.past.length > 0
  }

  get canRedo(): boolean {
    return this.future.length > 0
  }

  get depth(): number {
    return this.past.length
  }

  /** The document is now `next`; `coalesceKey` names the field edited, if any. */
  record(next: string, coalesceKey?: string): void {
    if (next === this.current) return
    const t = this.now()
    const coalesce = coalesceKey !== undefined && coalesceKey === this.lastKey && t - this.lastTime <= this.coalesceMs
    if (!coalesce) {
      this.past.push(this.current)
      if (this.past.length > this.limit) this.past.shift()
    }
    this.current = next
    this.future = []
    this.lastKey = coalesceKey ?? null
    this.lastTime = t
  }

  undo(): string | null {
    const prev = this.past.pop()
    if (prev === undefined) return null
    this.future.push(this.current)
    this.current = prev
    this.lastKey = null
    return prev
  }

  redo(): string | null {
    const next = this.future.pop()
    if (next === undefined) return null
    this.past.push(this.current)
    this.current = next
    this.lastKey = null
    return next
  }

  reset(current: string): void {
    this.past = []
    this.future = []
    this.current = current
    this.lastKey = null
    this.lastTime = -Infinity
  }
}
