/**
 * h5wasm's Node build in a worker thread (as a Piscina worker would load it): it writes an HDF5
 * file there that the main thread reads back. The NWB writer needs nothing else from its host.
 */
import { describe, expect, it } from 'vitest'
import { Worker } from 'node:worker_threads'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from '../helpers/built'
import { pathToFileURL } from 'node:url'
import h5wasm from 'h5wasm/node'

describe('h5wasm in a worker thread', () => {
  it('writes a file in the worker that the main thread reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'h5wasm-worker-'))
    const file = join(dir, 'w.h5')
    // A data: URL worker cannot resolve bare names; hand it the file 'h5wasm/node' points to.
    const entry = pathToFileURL(join(root, 'node_modules/h5wasm/dist/node/hdf5_hl.js')).href
    const source = `
      import { workerData, parentPort } from 'node:worker_threads'
      const h5wasm = await import(${JSON.stringify(entry)})
      await h5wasm.ready
      const f = new h5wasm.File(workerData, 'w', { libver: ['earliest', 'v110'] })
      f.create_dataset({ name: 'counts', data: new Uint32Array([3, 1, 4, 1, 5]) })
      f.close()
      parentPort.postMessage('done')`
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData: file })
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve())
        worker.once('error', reject)
      })
      await h5wasm.ready
      const f = new h5wasm.File(file, 'r')
      expect(Array.from((f.get('counts') as unknown as { value: Uint32Array }).value)).toEqual([3, 1, 4, 1, 5])
      f.close()
    } finally {
      await worker.terminate()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
