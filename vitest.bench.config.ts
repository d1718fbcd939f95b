import { defineConfig } from 'vitest/config'

// The UI benchmark is a script run by `npm run bench`, not part of `npm test`.
export default defineConfig({
  test: { include: ['bench/**/*.bench-run.ts'], testTimeout: 300_000, hookTimeout: 120_000, pool: 'forks' }
})
