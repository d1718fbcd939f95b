/**
 * The built preload (out/preload/index.cjs, made by `npm run build`) must be what a sandboxed
 * preload can load: one CommonJS file whose only require is 'electron'. It is then run against a
 * fake 'electron' to check that it exposes exactly the contract API and nothing of ipcRenderer.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'

const bundlePath = fileURLToPath(new URL('../../out/preload/index.cjs', import.meta.url))
let code = ''

beforeAll(() => {
  if (!existsSync(bundlePath)) {
    throw new Error(`${bundlePath} does not exist: run "npm run build" before this test (npm test does it for you).`)
  }
  code = readFileSync(bundlePath, 'utf8')
})

type Listener = (...args: unknown[]) => void

function runBundle() {
  const exposed: Array<{ key: string; api: Record<string, (...args: unknown[]) => unknown> }> = []
  const invoked: Array<{ channel: string; args: unknown[] }> = []
  const listeners = new Map<string, Listener[]>()
  const removed: Array<{ channel: string; listener: Listener }> = []
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) => exposed.push({ key, api })
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args })
        return { echoed: channel }
      },
      on: (channel: string, listener: Listener) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener])
      },
      removeListener: (channel: string, listener: Listener) => {
        removed.push({ channel, listener })
        listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener))
      }
    }
  }
  const required: string[] = []
  const module = { exports: {} as unknown }
  runInNewContext(code, {
    require: (name: string) => {
      required.push(name)
      if (name !== 'electron') throw new Error(`the preload required ${name}`)
      return electron
    },
    module,
    exports: module.exports,
    Set,
    Promise,
    Error
  })
  return { exposed, invoked, listeners, removed, required }
}

describe('built preload bundle', () => {
  it('is CommonJS: no import or export statements', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s*[{*\w'"]/m)
    expect(code).not.toMatch(/\bimport\s*\(/)
    expect(code).not.toMatch(/\bimport\.meta\b/)
  })

  it("requires only 'electron', by a literal name", () => {
    const calls = code.match(/\brequire\s*\(/g) ?? []
    const literal = [...code.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2])
    expect(literal.length).toBe(calls.length)
    expect(new Set(literal)).toEqual(new Set(['electron']))
  })

  it('exposes window.workbench with only invoke and on, forwarding to ipcRenderer', async () => {
    const { exposed, invoked, listeners, removed, required } = runBundle()
    expect(required).toEqual(['electron'])
    expect(exposed.map((e) => e.key)).toEqual(['workbench'])
    const api = exposed[0].api
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on'])

    await expect(api.invoke('app:info')).resolves.toEqual({ echoed: 'app:info' })
    await expect(api.invoke('project:setDirty', { dirty: true })).resolves.toEqual({ echoed: 'project:setDirty' })
    await expect(api.invoke('shell:openExternal', 'https://example.com')).rejects.toThrow(/Unknown channel/)
    expect(invoked).toEqual([
      { channel: 'app:info', args: [undefined] },
      { channel: 'project:setDirty', args: [{ dirty: true }] }
    ])

    const received: unknown[] = []
    const unsubscribe = api.on('menu:command', (payload: unknown) => received.push(payload)) as () => void
    const [forward] = listeners.get('menu:command') ?? []
    forward({ sender: 'the IPC event must not reach the page' }, { command: 'save' })
    expect(received).toEqual([{ command: 'save' }])
    unsubscribe()
    expect(removed).toEqual([{ channel: 'menu:command', listener: forward }])
    expect(listeners.get('menu:command')).toEqual([])
    expect(() => api.on('runs:secret', () => undefined)).toThrow(/Unknown event/)
  })
})
