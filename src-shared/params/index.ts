/** Public face of the parameter module: schema, defaults, validation and YAML I/O. */
export type * from './types'
export * from './schema'
export * from './errors'
export * from './timing'
export * from './validate'
export * from './yaml-io'
export { closestName } from './suggest'
export { locateKeys, type TextPosition } from './yaml-locate'
