/**
 * Every IPC channel against hostile payloads, through the real registration (sender check, guard,
 * handler): wrong types at the top and at every leaf, extra fields at every level, non-finite
 * numbers, oversized strings, arrays and maps, and a seeded random mutation fuzz. A request the
 * contract refuses never reaches its handler and fails with "Invalid request to <channel>"; one it
 * accepts is plain data (clonable, plain prototypes, accepted again unchanged).
 */
import { describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { INVOKE_CHANNELS, type InvokeChannel } from '../../src-shared/ipc/channels'
import { checkRequest } from '../../src-shared/ipc/contract'
import { registerIpcHandlers } from '../../src-main/electron/ipc-register'
import { createSenderCheck } from '../../src-main/electron/sender-trust'
import type { FrameLike, InvokeEventLike } from '../../src-main/electron/electron-types'
import type { Handlers } from '../../src-main/services/context'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { DEFAULT_GIF, notebookExperiment } from '../../src-shared/experiment/presets'
import { expandRuns } from '../../src-shared/experiment/expand'
import { mulberry32, sampleDocument } from '../helpers/project-fixtures'

const APP_URL = pathToFileURL(join('/opt/workbench/out/renderer/index.html')).href
const appFrame: FrameLike = { url: APP_URL, parent: null, processId: 1, routingId: 1 }

function harness() {
  const handles = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>()
  const received: Array<{ channel: string; request: unknown }> = []
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [channel, (request: unknown) => (received.push({ channel, request }), { ok: true })])
  ) as unknown as Handlers
  const log = { warn: vi.fn(), error: vi.fn() }
  registerIpcHandlers(
    { handle: (c, l) => void handles.set(c, l), removeHandler: (c) => void handles.delete(c) },
    handlers,
    createSenderCheck({ getMainFrame: () => appFrame, trustedUrl: APP_URL }),
    log
  )
  /** 'accepted' with what the handler got, or the rejection's message. */
  async function send(channel: InvokeChannel, payload: unknown): Promise<{ accepted: true; request: unknown } | { accepted: false; message: string }> {
    const before = received.length
    try {
      await handles.get(channel)!({ senderFrame: appFrame }, payload)
    } catch (err) {
      expect(received.length, `${channel}: the handler ran for a refused request`).toBe(before)
      return { accepted: false, message: (err as Error).message }
    }
    expect(received.length).toBe(before + 1)
    return { accepted: true, request: received[received.length - 1].request }
  }
  return { send }
}

/** One valid request per channel (undefined for the channels without a payload). */
function validRequests(): Record<InvokeChannel, unknown> {
  const exp = notebookExperiment()
  return {
    'app:info': undefined,
    'app:quit': undefined,
    'params:import': undefined,
    'params:export': { params: defaultParameterSet(), name: 'set', layout: 'combined' },
    'experiment:import': undefined,
    'experiment:export': { experiment: exp },
    'runs:enqueue': { runs: expandRuns(exp).slice(0, 2) },
    'runs:cancel': { runIds: ['run-1', 'run-2'] },
    'runs:cancelAll': undefined,
    'runs:forget': { runIds: ['run-1'] },
    'runs:setRemoved': { runIds: ['run-1'], removed: true },
    'runs:getRaster': { runId: 'run-1' },
    'runs:getThreads': undefined,
    'runs:setThreads': { threads: 2 },
    'gif:export': { jobId: 'job', runIds: ['run-1'], layout: 'per-run', settings: { ...DEFAULT_GIF } },
    'gif:cancel': { jobId: 'job' },
    'export:save': { kind: 'csv', suggestedName: 'table.csv', text: 'a,b\n1,2\n' },
    'cluster:prepare': { experiment: exp, tasks: 4, partition: 'short', time: '01:00:00', mem: 2000, submit: false },
    'cluster:follow': { folder: '/shared/jobs/sweep-slurm' },
    'cluster:unfollow': { folder: '/shared/jobs/sweep-slurm' },
    'cluster:followed': undefined,
    'cluster:cancel': { folder: '/shared/jobs/sweep-slurm' },
    'cluster:resume': { folder: '/shared/jobs/sweep-slurm' },
    'cluster:import': {},
    'project:new': undefined,
    'project:open': { recentPath: '/home/me/study.satproj' },
    'project:save': { document: sampleDocument(), saveAs: false },
    'project:recent': undefined,
    'project:setDirty': { dirty: true },
    'project:autosave': { document: sampleDocument() },
    'project:recoverAutosave': undefined,
    'project:discardAutosave': undefined,
    'archive:export': { name: 'Serotonin study', nwb: true, sonata: false },
    'archive:verify': undefined
  }
}

type Path = Array<string | number>

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v)
}

/** Every path to an object (including the root) and to a leaf of the value; cycles are followed once. */
function walk(v: unknown, path: Path = [], objects: Path[] = [], leaves: Path[] = [], seen = new Set<unknown>()): { objects: Path[]; leaves: Path[] } {
  if (isPlain(v) || Array.isArray(v)) {
    if (seen.has(v)) return { objects, leaves }
    seen.add(v)
  }
  if (isPlain(v)) {
    objects.push(path)
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k], objects, leaves, seen)
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => walk(x, [...path, i], objects, leaves, seen))
  } else leaves.push(path)
  return { objects, leaves }
}

/** A copy of the plain objects and arrays (keeping cycles); anything else, symbols and typed arrays included, is shared. */
function copyOf<T>(v: T, seen = new Map<unknown, unknown>()): T {
  if (!isPlain(v) && !Array.isArray(v)) return v
  if (seen.has(v)) return seen.get(v) as T
  const out = (Array.isArray(v) ? [] : {}) as Record<string | number, unknown>
  seen.set(v, out)
  for (const [k, x] of Object.entries(v as object)) Object.defineProperty(out, k, { value: copyOf(x, seen), enumerable: true, configurable: true, writable: true })
  return out as T
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root)
}

function withValue(root: unknown, path: Path, value: unknown): unknown {
  const copy = copyOf(root)
  if (path.length === 0) return value
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>
  parent[path[path.length - 1]] = value
  return copy
}

function withExtraKey(root: unknown, path: Path, key: string): unknown {
  const copy = copyOf(root)
  // defineProperty, so that '__proto__' becomes an own field as JSON.parse or structured cloning make it.
  Object.defineProperty(at(copy, path), key, { value: 1, enumerable: true, configurable: true, writable: true })
  return copy
}

const payloadChannels = INVOKE_CHANNELS.filter((c) => validRequests()[c] !== undefined)
const emptyChannels = INVOKE_CHANNELS.filter((c) => validRequests()[c] === undefined)

/** Accepted data must be plain: clonable, plain prototypes all the way down, and accepted again as is. */
function expectPlainAccepted(channel: InvokeChannel, request: unknown): void {
  expect(() => structuredClone(request)).not.toThrow()
  const { objects } = walk(request)
  for (const p of objects) {
    const proto = Object.getPrototypeOf(at(request, p))
    expect(proto === Object.prototype || proto === null, `${channel} ${p.join('.')}: not a plain object`).toBe(true)
  }
  expect(checkRequest(channel, request)).toEqual(request)
}

describe('IPC payloads that break the contract', () => {
  it('every channel accepts its valid request (so the refusals below are the mutations’ doing)', async () => {
    const { send } = harness()
    const valid = validRequests()
    for (const channel of INVOKE_CHANNELS) {
      const r = await send(channel, valid[channel])
      expect(r.accepted, `${channel}: ${'message' in r ? r.message : ''}`).toBe(true)
      if (r.accepted) expectPlainAccepted(channel, r.request)
    }
  })

  it('refuses the wrong kind of payload on every channel', async () => {
    const { send } = harness()
    const wrong: unknown[] = ['text', 42, NaN, true, [], [{}], new Date(0), new Map(), new Uint8Array(4), Object.create({ dirty: true }), () => 1]
    let cases = 0
    for (const channel of payloadChannels) {
      for (const w of [...wrong, null, undefined]) {
        if (channel === 'project:open' && w === undefined) continue
        const r = await send(channel, w)
        expect(r.accepted, `${channel} took ${String(w)}`).toBe(false)
        if (!r.accepted) expect(r.message).toMatch(new RegExp(`^Invalid request to ${channel}`))
        cases++
      }
    }
    for (const channel of emptyChannels) {
      for (const w of [...wrong, {}]) {
        const r = await send(channel, w)
        expect(r.accepted, `${channel} took ${String(w)}`).toBe(false)
        cases++
      }
    }
    expect(cases).toBeGreaterThan(250)
  })

  it('refuses an extra field at every level of every payload, __proto__ and constructor included', async () => {
    const { send } = harness()
    const valid = validRequests()
    let cases = 0
    for (const channel of payloadChannels) {
      const { objects } = walk(valid[channel])
      for (const path of objects) {
        const host = at(valid[channel], path)
        // The free-form view state and the maps of named sets take any key by design.
        if (path.at(-1) === 'view' || path.at(-1) === 'parameterSets') continue
        for (const key of ['extra', 'runId', '__proto__', 'constructor', 'toString']) {
          if (Object.prototype.hasOwnProperty.call(host, key)) continue
          const r = await send(channel, withExtraKey(valid[channel], path, key))
          const where = `${channel}: extra '${key}' at ${path.join('.') || '(top)'}`
          // Names Object.prototype has (__proto__, constructor, toString) are extra fields like any other.
          expect(r.accepted, `${where} was accepted`).toBe(false)
          cases++
        }
      }
    }
    expect(cases).toBeGreaterThan(500)
    expect(({} as Record<string, unknown>).extra).toBeUndefined()
  })

  it('refuses wrong types and non-finite numbers at every leaf', async () => {
    const { send } = harness()
    const valid = validRequests()
    let cases = 0
    for (const channel of payloadChannels) {
      for (const path of walk(valid[channel]).leaves) {
        if (path.includes('view')) continue
        const leaf = at(valid[channel], path)
        const bad = typeof leaf === 'number' ? [NaN, Infinity, -Infinity, String(leaf), null, [leaf], { value: leaf }] : typeof leaf === 'string' ? [7, null, [leaf], { value: leaf }] : [`${String(leaf)}`, 0, null]
        for (const b of bad) {
          const r = await send(channel, withValue(valid[channel], path, b))
          expect(r.accepted, `${channel}: ${path.join('.')} = ${JSON.stringify(b)} was accepted`).toBe(false)
          cases++
        }
      }
    }
    expect(cases).toBeGreaterThan(1000)
  })

  it('refuses oversized strings, arrays and maps before looking inside them', async () => {
    const { send } = harness()
    const valid = validRequests()
    const doc = sampleDocument()
    const many = (n: number) => Array.from({ length: n }, (_, i) => `run-${i}`)
    const manySets = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`set-${i}`, null]))
    const oversized: Array<[InvokeChannel, unknown]> = [
      ['runs:cancel', { runIds: many(20_001) }],
      ['runs:setRemoved', { runIds: many(200_001), removed: true }],
      ['runs:forget', { runIds: many(20_001) }],
      ['runs:enqueue', { runs: new Array(20_001).fill(null) }],
      ['runs:getRaster', { runId: 'r'.repeat(301) }],
      ['gif:export', { ...(valid['gif:export'] as object), runIds: many(7) }],
      ['gif:export', { ...(valid['gif:export'] as object), titles: ['t'.repeat(301)] }],
      ['gif:export', { ...(valid['gif:export'] as object), titles: many(7) }],
      ['gif:cancel', { jobId: 'j'.repeat(101) }],
      ['project:open', { recentPath: '/'.repeat(4097) }],
      ['params:export', { ...(valid['params:export'] as object), name: 'n'.repeat(201) }],
      ['export:save', { kind: 'csv', suggestedName: 's'.repeat(201), text: 'x' }],
      ['export:save', { kind: 'csv', suggestedName: 'big.csv', text: 'x'.repeat(50_000_001) }],
      ['project:save', { document: { ...doc, name: 'd'.repeat(501) }, saveAs: false }],
      ['project:save', { document: { ...doc, conditions: new Array(1001).fill(null) }, saveAs: false }],
      ['project:save', { document: { ...doc, parameterSets: manySets }, saveAs: false }],
      ['project:autosave', { document: { ...doc, view: { blob: 'v'.repeat(100_001) } } }],
      ['experiment:export', { experiment: { ...notebookExperiment(), conditions: new Array(1001).fill(null) } }]
    ]
    for (const [channel, payload] of oversized) {
      const r = await send(channel, payload)
      expect(r.accepted, `${channel} took an oversized payload`).toBe(false)
      if (!r.accepted) expect(r.message).toMatch(/exceeds|limit/)
    }
  })

  it('survives 3,000 random mutations: each is refused cleanly or accepted as plain data', async () => {
    const { send } = harness()
    const valid = validRequests()
    const rand = mulberry32(4)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
    const junk = (): unknown =>
      pick([
        () => undefined, () => null, () => rand() * 1e6 - 5e5, () => Math.floor(rand() * 10), () => -1, () => 1e308 * 10, () => NaN,
        () => '', () => 'x'.repeat(Math.floor(rand() * 5000)), () => '../../etc/passwd', () => true, () => [], () => [1, 'a', null],
        () => ({}), () => ({ a: { b: { c: [] } } }), () => new Float64Array(3), () => new Date(), () => 10n, () => Symbol('s'),
        () => { const o: Record<string, unknown> = {}; o.self = o; return o }
      ])()
    let accepted = 0
    let refused = 0
    for (let i = 0; i < 3000; i++) {
      const channel = pick(payloadChannels)
      let payload = valid[channel]
      for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
        const { objects, leaves } = walk(payload)
        const targets = rand() < 0.7 && leaves.length > 0 ? leaves : objects
        payload = targets.length > 0 ? withValue(payload, pick(targets), junk()) : junk()
      }
      const r = await send(channel, payload)
      if (r.accepted) {
        accepted++
        expectPlainAccepted(channel, r.request)
      } else {
        refused++
        expect(r.message).toMatch(new RegExp(`^Invalid request to ${channel}`))
      }
    }
    expect(refused).toBeGreaterThan(2000)
    expect(accepted + refused).toBe(3000)
    expect(Object.prototype).not.toHaveProperty('self')
  })

  // record() must refuse a '__proto__' key: copied by assignment it would set the map's prototype.
  it('refuses a parameter set named __proto__', async () => {
    const { send } = harness()
    const doc = sampleDocument()
    const withOwnProto = JSON.parse(`{"__proto__": ${JSON.stringify(defaultParameterSet())}}`) as Record<string, unknown>
    expect(Object.keys(withOwnProto)).toEqual(['__proto__'])
    const r = await send('project:save', { document: { ...doc, parameterSets: withOwnProto }, saveAs: false })
    if (r.accepted) expectPlainAccepted('project:save', r.request)
    expect(r.accepted).toBe(false)
  })
})
