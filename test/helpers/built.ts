import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

export const root = fileURLToPath(new URL('../../', import.meta.url))

/** The built worker file, as the app and the CLI load it (npm test builds before testing). */
export function builtWorkerPath(): string {
  const dir = join(root, 'out/main/chunks')
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith('sim-worker') && f.endsWith('.js')) : undefined
  if (!file) throw new Error('out/main/chunks/sim-worker-*.js is missing: run `npm run build` before these tests (npm test does).')
  return join(dir, file)
}

export function builtFile(rel: string): string {
  const p = join(root, rel)
  if (!existsSync(p)) throw new Error(`${rel} is missing: run \`npm run build\` before these tests (npm test does).`)
  return p
}
