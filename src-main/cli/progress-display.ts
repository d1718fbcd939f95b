/** A one-line progress bar on a terminal; one line per finished run elsewhere (logs, CI). */
export class ProgressDisplay {
  private lastLine = ''
  private readonly startedAt = Date.now()

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
    private readonly quiet: boolean
  ) {}

  update(c: { done: number; failed: number; cancelled: number; running: number; runningProgress: number }): void {
    if (this.quiet) return
    const ended = c.done + c.failed + c.cancelled
    const fraction = (ended + c.runningProgress) / Math.max(1, this.total)
    const elapsed = (Date.now() - this.startedAt) / 1000
    const eta = fraction > 0.02 ? (elapsed / fraction) * (1 - fraction) : NaN
    const width = 30
    const filled = Math.round(fraction * width)
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled)
    const text =
      `${bar} ${ended}/${this.total} runs` +
      (c.running ? `, ${c.running} running` : '') +
      (c.failed ? `, ${c.failed} failed` : '') +
      ` · ${elapsed.toFixed(1)} s` +
      (Number.isFinite(eta) && ended < this.total ? ` · about ${eta.toFixed(1)} s left` : '')
    if (this.stream.isTTY) {
      this.stream.write(`\r${text.padEnd(this.lastLine.length)}`)
      this.lastLine = text
    } else if (ended !== this.endedLogged) {
      this.endedLogged = ended
      this.stream.write(`${text}\n`)
    }
  }

  private endedLogged = -1

  finish(): void {
    if (!this.quiet && this.stream.isTTY && this.lastLine) this.stream.write('\n')
  }
}
