/**
 * gifenc's package has a CommonJS "main" and an ESM "module" build but no "exports" map:
 * Node's ESM loader sees only a default export (the CommonJS exports object), while
 * bundlers pick the ESM build with a named GIFEncoder. Accept both shapes.
 */
import * as gifencModule from 'gifenc'

type GifencShape = { GIFEncoder?: typeof gifencModule.GIFEncoder; default?: { GIFEncoder?: typeof gifencModule.GIFEncoder } }

const shape = gifencModule as unknown as GifencShape
const resolved = shape.GIFEncoder ?? shape.default?.GIFEncoder

if (typeof resolved !== 'function') {
  throw new Error('gifenc did not provide GIFEncoder; check that the installed gifenc is version 1.x.')
}

export const GIFEncoder: typeof gifencModule.GIFEncoder = resolved
