/**
 * MT19937 exactly as numpy's legacy RandomState uses it: `np.random.seed(s)` with an
 * integer s is init_genrand(s); `rand()` is genrand_res53; `randint(360)` masks and rejects.
 * The state is a typed array refilled 624 words at a time, so drawing allocates nothing.
 */
const N = 624
const M = 397
const UPPER = 0x80000000
const LOWER = 0x7fffffff
const MATRIX_A = 0x9908b0df

export class MT19937 {
  /** Untempered state words; `next` indexes the next word to hand out. */
  readonly mt = new Uint32Array(N)
  index = N

  constructor(seed: number) {
    this.seed(seed)
  }

  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed ${seed} must be an integer between 0 and 4294967295`)
    }
    const mt = this.mt
    mt[0] = seed >>> 0
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30)
      // 1812433253 * prev mod 2^32 without losing bits to float64 rounding.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0
    }
    this.index = N
  }

  /** Regenerates all 624 words (the "twist"); branch-free, as the low bit is a coin flip the CPU cannot predict. */
  twist(): void {
    const mt = this.mt
    let y: number
    let k = 0
    for (; k < N - M; k++) {
      y = (mt[k] & UPPER) | (mt[k + 1] & LOWER)
      mt[k] = mt[k + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
    }
    for (; k < N - 1; k++) {
      y = (mt[k] & UPPER) | (mt[k + 1] & LOWER)
      mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
    }
    y = (mt[N - 1] & UPPER) | (mt[0] & LOWER)
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
    this.index = 0
  }

  nextUint32(): number {
    if (this.index >= N) this.twist()
    return temper(this.mt[this.index++])
  }

  /** numpy's legacy `random_sample`: 53-bit double from two words. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5
    const b = this.nextUint32() >>> 6
    return (a * 67108864 + b) / 9007199254740992
  }

  /** numpy's legacy `randint(high)` for 0 < high <= 2^32: mask to the next power of two, reject above. */
  randint(high: number): number {
    if (!Number.isInteger(high) || high < 1 || high > 0x100000000) throw new RangeError(`randint bound ${high} out of range`)
    const max = high - 1
    if (max === 0) return 0
    let mask = max
    mask |= mask >>> 1
    mask |= mask >>> 2
    mask |= mask >>> 4
    mask |= mask >>> 8
    mask |= mask >>> 16
    mask >>>= 0
    let value: number
    do {
      value = (this.nextUint32() & mask) >>> 0
    } while (value > max)
    return value
  }
}

export function temper(word: number): number {
  let y = word
  y ^= y >>> 11
  y ^= (y << 7) & 0x9d2c5680
  y ^= (y << 15) & 0xefc60000
  y ^= y >>> 18
  return y >>> 0
}
