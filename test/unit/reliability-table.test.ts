/**
 * docs/RELIABILITY.md must not drift from the tests: every row states its cases and result, and
 * every file it names exists (a test file must still hold tests).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { root } from '../helpers/built'

interface Row {
  section: string
  cells: string[]
  line: number
}

function tableRows(markdown: string): Row[] {
  const rows: Row[] = []
  let section = ''
  markdown.split('\n').forEach((text, i) => {
    if (text.startsWith('## ')) section = text.slice(3).trim()
    if (!text.startsWith('|')) return
    const cells = text.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim())
    if (cells.every((c) => /^-+$/.test(c)) || cells[0] === 'Class') return
    rows.push({ section, cells, line: i + 1 })
  })
  return rows
}

const doc = readFileSync(join(root, 'docs/RELIABILITY.md'), 'utf8')
const rows = tableRows(doc)

describe('docs/RELIABILITY.md', () => {
  it('has a row for each kind of trouble the app is promised to survive', () => {
    const sections = new Set(rows.map((r) => r.section))
    expect([...sections]).toEqual(['Electron security', 'Bad inputs', 'Faults', 'Load'])
    expect(rows.length).toBeGreaterThanOrEqual(20)
  })

  it('gives every row a class, a count of cases, where it is tested and the result', () => {
    for (const r of rows) {
      const where = `line ${r.line}`
      expect(r.cells, where).toHaveLength(4)
      const [what, cases, tested, result] = r.cells
      expect(what.length, where).toBeGreaterThan(5)
      expect(cases, `${where}: the cases column needs a count`).toMatch(/\d|^—$/)
      expect(tested.length, where).toBeGreaterThan(3)
      expect(result.length, where).toBeGreaterThan(5)
    }
  })

  it('names only files that exist, and test files that still hold tests', () => {
    const named = new Set<string>()
    for (const r of rows) {
      const paths = [...r.cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1])
      if (!/benchmark/.test(r.cells[2])) expect(paths.length, `line ${r.line} names no file`).toBeGreaterThan(0)
      for (const p of paths) named.add(p)
    }
    for (const p of named) {
      expect(existsSync(join(root, p)), `${p} is named in docs/RELIABILITY.md but does not exist`).toBe(true)
      if (p.endsWith('.test.ts')) expect(readFileSync(join(root, p), 'utf8'), `${p} holds no test`).toMatch(/\b(it|test)(\.each\([\s\S]*?\))?(\.(fails|skipIf\([^)]*\)))?\(/)
    }
    expect(named.size).toBeGreaterThan(15)
  })
})
