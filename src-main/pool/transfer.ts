import { move, transferableSymbol, valueSymbol } from 'piscina'

/** Wraps a result so Piscina transfers (not copies) the listed buffers back to the main thread. */
export function transferable<T>(value: T, buffers: ArrayBuffer[]): unknown {
  const unique = [...new Set(buffers)].filter((b) => b.byteLength > 0)
  // move() marks the wrapper movable; Piscina then posts `value` with `unique` as its transfer list.
  return move({
    get [transferableSymbol]() {
      return unique
    },
    get [valueSymbol]() {
      return value
    }
  } as never)
}
