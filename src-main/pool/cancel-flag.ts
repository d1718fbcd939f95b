/** A cancel flag a worker can read while it computes: no message needs to arrive mid-loop. */
export class CancelFlag {
  readonly buffer = new SharedArrayBuffer(4)
  private readonly view = new Int32Array(this.buffer)

  cancel(): void {
    Atomics.store(this.view, 0, 1)
  }

  get cancelled(): boolean {
    return Atomics.load(this.view, 0) === 1
  }
}
