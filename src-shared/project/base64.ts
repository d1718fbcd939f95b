/**
 * Standard base64 (RFC 4648, with padding) for byte arrays. Written out here because
 * src-shared may use neither Node's Buffer nor the browser's atob/btoa. The decoder is
 * strict: a damaged project file must be reported, not silently decoded into other bytes.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const CODES = new Uint8Array(64)
for (let i = 0; i < 64; i++) CODES[i] = ALPHABET.charCodeAt(i)
/** Character code -> 6-bit value, or 255 for characters outside the alphabet. */
const VALUES = new Uint8Array(256).fill(255)
for (let i = 0; i < 64; i++) VALUES[ALPHABET.charCodeAt(i)] = i
const PAD = 61 // '='

/** Characters converted per String.fromCharCode call (the argument count has an engine limit). */
const CHUNK = 8192

export class Base64Error extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Base64Error'
  }
}

export function base64Length(byteLength: number): number {
  return Math.ceil(byteLength / 3) * 4
}

export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length
  const out = new Uint16Array(base64Length(n))
  let o = 0
  let i = 0
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out[o++] = CODES[v >>> 18]
    out[o++] = CODES[(v >>> 12) & 63]
    out[o++] = CODES[(v >>> 6) & 63]
    out[o++] = CODES[v & 63]
  }
  const rest = n - i
  if (rest === 1) {
    const v = bytes[i] << 16
    out[o++] = CODES[v >>> 18]
    out[o++] = CODES[(v >>> 12) & 63]
    out[o++] = PAD
    out[o++] = PAD
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8)
    out[o++] = CODES[v >>> 18]
    out[o++] = CODES[(v >>> 12) & 63]
    out[o++] = CODES[(v >>> 6) & 63]
    out[o++] = PAD
  }
  const parts: string[] = []
  for (let k = 0; k < out.length; k += CHUNK) {
    parts.push(String.fromCharCode.apply(null, out.subarray(k, k + CHUNK) as unknown as number[]))
  }
  return parts.join('')
}

/** Decodes padded base64; throws Base64Error on a wrong length, a stray character or misplaced padding. */
export function decodeBase64(text: string, maxBytes = Number.MAX_SAFE_INTEGER): Uint8Array {
  if (typeof text !== 'string') throw new Base64Error('expected base64 text')
  const len = text.length
  if (len % 4 !== 0) throw new Base64Error(`base64 text of ${len} characters is not a multiple of 4 long`)
  if (len === 0) return new Uint8Array(0)
  const pad = text.charCodeAt(len - 1) === PAD ? (text.charCodeAt(len - 2) === PAD ? 2 : 1) : 0
  const byteLength = (len / 4) * 3 - pad
  if (byteLength > maxBytes) throw new Base64Error(`base64 text holds ${byteLength} bytes, more than the ${maxBytes} expected`)
  const out = new Uint8Array(byteLength)
  const body = len - (pad > 0 ? 4 : 0)
  let o = 0
  for (let i = 0; i < body; i += 4) {
    const a = value(text, i)
    const b = value(text, i + 1)
    const c = value(text, i + 2)
    const d = value(text, i + 3)
    const v = (a << 18) | (b << 12) | (c << 6) | d
    out[o++] = v >>> 16
    out[o++] = (v >>> 8) & 255
    out[o++] = v & 255
  }
  if (pad > 0) {
    const a = value(text, body)
    const b = value(text, body + 1)
    if (pad === 2) {
      if ((b & 15) !== 0) throw new Base64Error('base64 text has stray bits before its padding')
      out[o++] = (a << 2) | (b >>> 4)
    } else {
      const c = value(text, body + 2)
      if ((c & 3) !== 0) throw new Base64Error('base64 text has stray bits before its padding')
      const v = (a << 18) | (b << 12) | (c << 6)
      out[o++] = v >>> 16
      out[o++] = (v >>> 8) & 255
    }
  }
  return out
}

function value(text: string, i: number): number {
  const code = text.charCodeAt(i)
  const v = code < 256 ? VALUES[code] : 255
  if (v === 255) throw new Base64Error(`base64 text has an invalid character ${JSON.stringify(text[i])} at position ${i}`)
  return v
}
