/** How a typed number is read and shown in the generated forms. */

/** The value to validate for typed text: a number when it reads as one, else the text itself (so the message can quote it). */
export function parseTyped(text: string): number | string | undefined {
  const t = text.trim()
  if (t === '') return undefined
  const n = Number(t)
  return Number.isNaN(n) && !/^nan$/i.test(t) ? t : n
}

export function formatNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : ''
}
