/**
 * A small runtime type library: each guard both checks an unknown value and carries its static
 * type, so the IPC contract states every payload once and gets validation and types from it.
 * Objects are strict (extra fields are rejected) and strings and arrays have size caps, because
 * payloads cross a trust boundary.
 */
export type Check<T> = (value: unknown, path: string) => T

export interface Guard<T> {
  readonly check: Check<T>
  readonly description: string
}

export type Infer<G> = G extends Guard<infer T> ? T : never

export class PayloadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string
  ) {
    super(`${path || 'payload'}: ${reason}`)
    this.name = 'PayloadError'
  }
}

function guard<T>(description: string, check: Check<T>): Guard<T> {
  return { description, check }
}

function kind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (ArrayBuffer.isView(value)) return value.constructor.name
  return typeof value
}

export const MAX_STRING = 1 << 20
export const MAX_ARRAY = 100_000

export function str(opts: { max?: number; min?: number; pattern?: RegExp } = {}): Guard<string> {
  const max = opts.max ?? 1000
  return guard(`string (<= ${max} chars)`, (v, path) => {
    if (typeof v !== 'string') throw new PayloadError(path, `expected a string, got ${kind(v)}`)
    if (v.length > max) throw new PayloadError(path, `string of ${v.length} characters exceeds the limit of ${max}`)
    if (opts.min !== undefined && v.length < opts.min) throw new PayloadError(path, `string shorter than ${opts.min}`)
    if (opts.pattern && !opts.pattern.test(v)) throw new PayloadError(path, `string does not match ${opts.pattern}`)
    return v
  })
}

export function num(opts: { min?: number; max?: number; int?: boolean } = {}): Guard<number> {
  return guard('number', (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new PayloadError(path, `expected a finite number, got ${kind(v)} ${String(v)}`)
    if (opts.int && !Number.isInteger(v)) throw new PayloadError(path, `expected a whole number, got ${v}`)
    if (opts.min !== undefined && v < opts.min) throw new PayloadError(path, `${v} is below the minimum ${opts.min}`)
    if (opts.max !== undefined && v > opts.max) throw new PayloadError(path, `${v} is above the maximum ${opts.max}`)
    return v
  })
}

export const bool: Guard<boolean> = guard('boolean', (v, path) => {
  if (typeof v !== 'boolean') throw new PayloadError(path, `expected true or false, got ${kind(v)}`)
  return v
})

export function literal<const L extends string | number | boolean | null>(...values: L[]): Guard<L> {
  return guard(values.map((x) => JSON.stringify(x)).join(' | '), (v, path) => {
    if (!values.includes(v as L)) throw new PayloadError(path, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(v)}`)
    return v as L
  })
}

export function arr<T>(item: Guard<T>, opts: { max?: number; min?: number } = {}): Guard<T[]> {
  const max = opts.max ?? 10_000
  return guard(`array of ${item.description}`, (v, path) => {
    if (!Array.isArray(v)) throw new PayloadError(path, `expected an array, got ${kind(v)}`)
    if (v.length > max) throw new PayloadError(path, `array of ${v.length} items exceeds the limit of ${max}`)
    if (opts.min !== undefined && v.length < opts.min) throw new PayloadError(path, `array needs at least ${opts.min} items`)
    return v.map((x, i) => item.check(x, `${path}[${i}]`))
  })
}

type Shape = Record<string, Guard<unknown>>
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalGuard<unknown> ? K : never }[keyof S]
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }

export interface OptionalGuard<T> extends Guard<T | undefined> {
  readonly optional: true
}

export function opt<T>(g: Guard<T>): OptionalGuard<T> {
  return { ...guard(`${g.description}?`, (v, path) => (v === undefined ? undefined : g.check(v, path))), optional: true }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

export function obj<S extends Shape>(shape: S): Guard<ObjectOf<S>> {
  return guard('object', (v, path) => {
    if (!isPlainObject(v)) throw new PayloadError(path, `expected an object, got ${kind(v)}`)
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(shape, key)) throw new PayloadError(path, `unexpected field '${key}'`)
    }
    const out: Record<string, unknown> = {}
    for (const [key, g] of Object.entries(shape)) {
      const value = g.check(v[key], path ? `${path}.${key}` : key)
      if (value !== undefined) out[key] = value
    }
    return out as ObjectOf<S>
  })
}

/** A string-keyed map with a cap on the number of entries. */
export function record<T>(value: Guard<T>, opts: { maxKeys?: number; key?: Guard<string> } = {}): Guard<Record<string, T>> {
  const maxKeys = opts.maxKeys ?? 1000
  const keyGuard = opts.key ?? str({ max: 200 })
  return guard(`record of ${value.description}`, (v, path) => {
    if (!isPlainObject(v)) throw new PayloadError(path, `expected an object, got ${kind(v)}`)
    const keys = Object.keys(v)
    if (keys.length > maxKeys) throw new PayloadError(path, `${keys.length} entries exceed the limit of ${maxKeys}`)
    const out: Record<string, T> = {}
    for (const k of keys) {
      // A key like __proto__ would become the map's prototype instead of an entry.
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw new PayloadError(`${path}<key>`, `'${k}' is not allowed as a name`)
      out[keyGuard.check(k, `${path}<key>`)] = value.check(v[k], `${path}.${k}`)
    }
    return out
  })
}

export function union<A, B>(a: Guard<A>, b: Guard<B>): Guard<A | B> {
  return guard(`${a.description} | ${b.description}`, (v, path) => {
    try {
      return a.check(v, path)
    } catch (first) {
      try {
        return b.check(v, path)
      } catch {
        throw first
      }
    }
  })
}

export function typed<C extends Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor>(
  ctor: C,
  opts: { maxLength?: number } = {}
): Guard<InstanceType<C>> {
  const max = opts.maxLength ?? 50_000_000
  return guard(ctor.name, (v, path) => {
    if (!(v instanceof ctor)) throw new PayloadError(path, `expected ${ctor.name}, got ${kind(v)}`)
    if ((v as ArrayLike<number>).length > max) throw new PayloadError(path, `${ctor.name} of ${(v as ArrayLike<number>).length} items exceeds ${max}`)
    return v as InstanceType<C>
  })
}

/** A guard defined by a custom check (for example the parameter schema's own validator). */
export function custom<T>(description: string, check: Check<T>): Guard<T> {
  return guard(description, check)
}

export const none: Guard<undefined> = guard('nothing', (v, path) => {
  if (v !== undefined && v !== null) throw new PayloadError(path, `expected no payload, got ${kind(v)}`)
  return undefined
})
