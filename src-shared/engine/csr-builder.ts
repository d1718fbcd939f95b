/** Appends (row, col) events in row order into compressed sparse rows, growing by doubling. */
export class CsrBuilder {
  readonly rowStart: Uint32Array
  cols: Uint16Array
  length = 0

  constructor(nRows: number, expected: number) {
    this.rowStart = new Uint32Array(nRows + 1)
    this.cols = new Uint16Array(Math.max(64, Math.ceil(expected)))
  }

  push(col: number): void {
    if (this.length === this.cols.length) {
      const bigger = new Uint16Array(this.cols.length * 2)
      bigger.set(this.cols)
      this.cols = bigger
    }
    this.cols[this.length++] = col
  }

  /** Close row `row` (every push since the previous close belongs to it). */
  endRow(row: number): void {
    this.rowStart[row + 1] = this.length
  }

  trimmedCols(): Uint16Array {
    return this.cols.slice(0, this.length)
  }
}
