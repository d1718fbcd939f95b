import { describe, expect, it } from 'vitest'
import { createExternalOpener } from '../../src-main/electron/external-open'

function setup(existing: string[]) {
  const calls: string[] = []
  const opener = createExternalOpener({
    addRecent: async (p) => void calls.push(`recent ${p}`),
    openPath: async (p) => void calls.push(`open ${p}`),
    exists: (p) => existing.includes(p)
  })
  return { opener, calls }
}
const flush = () => new Promise((r) => setTimeout(r, 0))

describe('projects handed over by the operating system', () => {
  it('finds the project file on a command line, resolved against the working folder', () => {
    const { opener } = setup(['/home/lab/study.satproj'])
    expect(opener.fromArgv(['/opt/app/workbench', '--no-sandbox', 'study.satproj'], '/home/lab')).toBe('/home/lab/study.satproj')
    expect(opener.fromArgv(['/opt/app/workbench', 'notes.txt', 'missing.satproj'], '/home/lab')).toBeNull()
    expect(opener.fromArgv(['/opt/app/workbench', '--flag=x.satproj'], '/home/lab')).toBeNull()
  })

  it('waits for the window, then adds the file to the recent list before opening it', async () => {
    const { opener, calls } = setup([])
    opener.request('/data/a.satproj')
    await flush()
    expect(calls).toEqual([])
    opener.ready()
    await flush()
    expect(calls).toEqual(['recent /data/a.satproj', 'open /data/a.satproj'])
    opener.request('/data/b.satproj')
    await flush()
    expect(calls.slice(2)).toEqual(['recent /data/b.satproj', 'open /data/b.satproj'])
  })
})
