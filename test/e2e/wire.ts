/**
 * JSON on the wire between the test's Node side and the page, with typed arrays (rasters) carried
 * as base64 so they arrive as the same typed arrays Electron's structured clone would deliver.
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const bytes = Buffer.from(v.buffer, v.byteOffset, v.byteLength)
      return { __typed: v.constructor.name, b64: bytes.toString('base64') }
    }
    if (typeof v === 'number' && !Number.isFinite(v)) return { __number: String(v) }
    return v
  })
}

export function decodeWire(text: string | undefined): unknown {
  if (text === undefined) return undefined
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && '__number' in v) return Number((v as { __number: string }).__number)
    return v
  })
}

/** The same codec, as source text to run inside the page. */
export const PAGE_WIRE_SOURCE = `
  const decodeWire = (text) => text === undefined ? undefined : JSON.parse(text, (_k, v) => {
    if (v && typeof v === 'object' && v.__typed) {
      const bin = atob(v.b64); const bytes = new Uint8Array(bin.length)
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
      return new globalThis[v.__typed](bytes.buffer)
    }
    if (v && typeof v === 'object' && '__number' in v) return Number(v.__number)
    return v
  })
  const encodeWire = (value) => JSON.stringify(value === undefined ? null : value, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? { __number: String(v) } : v)
`
