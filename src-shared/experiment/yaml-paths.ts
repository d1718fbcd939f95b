/**
 * Where each key and list item of a YAML document sits, at any depth, so a
 * problem found in the loaded value ("conditions[3].mu_exc is out of range")
 * can name its line. The params module's locateKeys stops at two levels; an
 * experiment nests parameters four deep (parameter_sets.<set>.<group>.<key>).
 */
import { EVENT_ID, parseEvents, getScalarValue, type Event } from 'js-yaml'
import { positionOf, type TextPosition } from '../params/yaml-locate'

export type PathSegment = string | number

interface Frame {
  kind: 'doc' | 'map' | 'seq'
  /** Path of this container; null inside a complex (non-scalar) key. */
  path: PathSegment[] | null
  expectKey: boolean
  pendingKey: string | null
  index: number
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}

function eventOffset(ev: Event): number | undefined {
  if (ev.type === EVENT_ID.SCALAR) return ev.valueStart
  if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) return ev.start
  return undefined
}

function keyOf(path: readonly PathSegment[]): string {
  return JSON.stringify(path)
}

export interface PathLocator {
  /** Position of the key (mapping entry) or the item start (list entry) at exactly `path`. */
  exact(path: readonly PathSegment[]): TextPosition | undefined
  /** Position of `path`, else of its nearest ancestor that is in the text (a defaulted key points at its group). */
  nearest(path: readonly PathSegment[]): TextPosition | undefined
}

/** Locates keys and list items in `text`; finds nothing when the text does not parse. */
export function locatePaths(text: string): PathLocator {
  const found = new Map<string, TextPosition>()
  let events: Event[] = []
  try {
    events = parseEvents(text, {})
  } catch {
    events = []
  }
  const starts = lineStarts(text)
  const record = (path: PathSegment[] | null, ev: Event): void => {
    const offset = eventOffset(ev)
    if (path === null || offset === undefined) return
    const k = keyOf(path)
    if (!found.has(k)) found.set(k, positionOf(starts, offset))
  }
  const stack: Frame[] = []
  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: 'doc', path: [], expectKey: false, pendingKey: null, index: 0 })
      continue
    }
    if (ev.type === EVENT_ID.POP) {
      stack.pop()
      continue
    }
    const parent = stack[stack.length - 1]
    if (!parent) continue
    let childPath: PathSegment[] | null = null
    if (parent.kind === 'map' && parent.expectKey) {
      parent.expectKey = false
      parent.pendingKey = null
      if (ev.type === EVENT_ID.SCALAR && parent.path !== null) {
        parent.pendingKey = getScalarValue(text, ev)
        record([...parent.path, parent.pendingKey], ev)
      }
    } else if (parent.kind === 'map') {
      parent.expectKey = true
      childPath = parent.path !== null && parent.pendingKey !== null ? [...parent.path, parent.pendingKey] : null
    } else if (parent.kind === 'seq') {
      childPath = parent.path !== null ? [...parent.path, parent.index] : null
      parent.index++
      record(childPath, ev)
    } else {
      childPath = []
    }
    if (ev.type === EVENT_ID.MAPPING) stack.push({ kind: 'map', path: childPath, expectKey: true, pendingKey: null, index: 0 })
    else if (ev.type === EVENT_ID.SEQUENCE) stack.push({ kind: 'seq', path: childPath, expectKey: false, pendingKey: null, index: 0 })
  }
  return {
    exact: (path) => found.get(keyOf(path)),
    nearest: (path) => {
      for (let n = path.length; n > 0; n--) {
        const pos = found.get(keyOf(path.slice(0, n)))
        if (pos) return pos
      }
      return undefined
    }
  }
}

/** "conditions[2].mu_exc", "parameter_sets.fast.network.Ne". */
export function formatPath(path: readonly PathSegment[]): string {
  let out = ''
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg
  return out
}
