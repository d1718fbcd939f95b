/**
 * Finds where mapping keys sit in YAML text, so semantic errors ("RS.C is out of
 * range") can name a line. Uses js-yaml's event stream, which knows flow and
 * block styles alike; only keys one and two levels deep are recorded.
 */
import { EVENT_ID, getScalarValue, parseEvents } from 'js-yaml'

export interface TextPosition {
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
}

interface Frame {
  kind: 'doc' | 'map' | 'seq'
  /** Dotted path of this container ('' = document root), null when inside a list or a complex key. */
  path: string | null
  expectKey: boolean
  pendingPath: string | null
}

const MAX_DEPTH = 2

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}

export function positionOf(starts: readonly number[], offset: number): TextPosition {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 }
}

/** Key positions by dotted path: 'C' in a group file; 'RS' and 'RS.C' in a combined file. Empty when the text does not parse. */
export function locateKeys(text: string): Map<string, TextPosition> {
  const found = new Map<string, TextPosition>()
  let events
  try {
    events = parseEvents(text, {})
  } catch {
    return found
  }
  const starts = lineStarts(text)
  const stack: Frame[] = []
  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: 'doc', path: '', expectKey: false, pendingPath: null })
      continue
    }
    if (ev.type === EVENT_ID.POP) {
      stack.pop()
      continue
    }
    const parent = stack[stack.length - 1]
    if (!parent) continue
    let childPath: string | null = null
    if (parent.kind === 'map' && parent.expectKey) {
      parent.expectKey = false
      parent.pendingPath = null
      if (ev.type === EVENT_ID.SCALAR && parent.path !== null) {
        const key = getScalarValue(text, ev)
        const path = parent.path === '' ? key : `${parent.path}.${key}`
        parent.pendingPath = path
        if (path.split('.').length <= MAX_DEPTH && !found.has(path)) found.set(path, positionOf(starts, ev.valueStart))
      }
    } else if (parent.kind === 'map') {
      parent.expectKey = true
      childPath = parent.pendingPath
    } else if (parent.kind === 'doc') {
      childPath = ''
    }
    if (ev.type === EVENT_ID.MAPPING) stack.push({ kind: 'map', path: childPath, expectKey: true, pendingPath: null })
    else if (ev.type === EVENT_ID.SEQUENCE) stack.push({ kind: 'seq', path: null, expectKey: false, pendingPath: null })
  }
  return found
}
