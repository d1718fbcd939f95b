import type { Dialogs } from '../../src-main/services/context'

type Answer = string[] | string | number | null
interface Expectation {
  kind: keyof Dialogs
  answer: Answer
}

/** Native dialogs replaced by answers the test queues in advance; an unexpected dialog fails loudly. */
export class ScriptedDialogs implements Dialogs {
  private readonly queue: Expectation[] = []
  readonly asked: Array<{ kind: keyof Dialogs; opts: unknown }> = []

  next(kind: keyof Dialogs, answer: Answer): this {
    this.queue.push({ kind, answer })
    return this
  }

  private take(kind: keyof Dialogs, opts: unknown): Answer {
    this.asked.push({ kind, opts })
    const e = this.queue.shift()
    if (!e) throw new Error(`Unexpected ${kind} dialog: ${JSON.stringify(opts)}`)
    if (e.kind !== kind) throw new Error(`Expected a ${e.kind} dialog, got ${kind}`)
    return e.answer
  }

  get pending(): number {
    return this.queue.length
  }

  async openFiles(opts: Parameters<Dialogs['openFiles']>[0]) {
    return this.take('openFiles', opts) as string[] | null
  }
  async openDirectory(opts: Parameters<Dialogs['openDirectory']>[0]) {
    return this.take('openDirectory', opts) as string | null
  }
  async saveFile(opts: Parameters<Dialogs['saveFile']>[0]) {
    return this.take('saveFile', opts) as string | null
  }
  async ask(opts: Parameters<Dialogs['ask']>[0]) {
    return this.take('ask', opts) as number
  }
}
