/** One sentence for a failed run, whatever threw: the engine, the worker, or the thread dying. */
export function describeRunError(err: unknown): string {
  if (err instanceof Error) {
    if (/worker.*(exit|terminat)|exited with code/i.test(err.message)) {
      return `The worker thread running this simulation stopped unexpectedly (${err.message}). The other runs are unaffected; retry this one.`
    }
    return err.message
  }
  return String(err)
}
