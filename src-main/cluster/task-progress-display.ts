/** One status line for a job array while the submitter waits: tasks done, runs done, each running task's share. */
import type { TaskView } from './cluster-job'

export function formatTaskLine(jobId: string, views: readonly TaskView[], elapsedS: number): string {
  let runsDone = 0
  let runsTotal = 0
  let ended = 0
  const cells: string[] = []
  for (const v of views) {
    const p = v.progress
    if (p) {
      runsDone += p.done + p.failed
      runsTotal += p.total
    }
    if (v.state === 'ENDED') ended++
    else if (v.state === 'RUNNING') cells.push(`${v.task}:${p ? `${p.done}/${p.total}` : 'starting'}`)
    else if (v.state !== 'PENDING') cells.push(`${v.task}:${v.state.toLowerCase()}`)
  }
  const waiting = views.filter((v) => v.state === 'PENDING')
  // Slurm's reason says whether a pending task waits its turn (Priority, Resources) or cannot
  // start as asked (ReqNodeNotAvail, PartitionDown…): the latter waits until someone acts.
  const reasons = [...new Set(waiting.map((v) => v.reason).filter((r) => r !== undefined))]
  return (
    `job ${jobId}: ${ended}/${views.length} tasks ended` +
    (waiting.length ? `, ${waiting.length} pending${reasons.length ? ` (Slurm: ${reasons.slice(0, 3).join(', ')})` : ''}` : '') +
    (runsTotal ? ` · ${runsDone}/${runsTotal} runs of started tasks` : '') +
    (cells.length ? ` · ${cells.slice(0, 12).join(' ')}${cells.length > 12 ? ' …' : ''}` : '') +
    ` · ${elapsedS.toFixed(1)} s`
  )
}

export class TaskProgressDisplay {
  private readonly startedAt = Date.now()
  private last = ''

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly jobId: string,
    private readonly quiet: boolean
  ) {}

  update(views: readonly TaskView[]): void {
    if (this.quiet) return
    const line = formatTaskLine(this.jobId, views, (Date.now() - this.startedAt) / 1000)
    if (this.stream.isTTY) {
      this.stream.write(`\r${line.padEnd(this.last.length)}`)
      this.last = line
    } else {
      // In logs, a line only when something other than the clock changed.
      const key = line.replace(/ · [\d.]+ s$/, '')
      if (key !== this.last) this.stream.write(`${line}\n`)
      this.last = key
    }
  }

  finish(): void {
    if (!this.quiet && this.stream.isTTY && this.last) this.stream.write('\n')
  }
}
