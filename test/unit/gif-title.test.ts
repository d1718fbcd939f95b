import { describe, expect, it } from 'vitest'
import { titleOf } from '../../src-main/runs/gif-panel'
import type { RunRecord } from '../../src-shared/ipc/contract'

const rec = (condition: string, rep: number, mu_exc: number, mu_inh: number) => ({ condition, rep, mu_exc, mu_inh }) as RunRecord

describe('GIF panel titles', () => {
  it('give the serotonin levels after a descriptive name, as the notebook titles do', () => {
    expect(titleOf(rec('increased serotonin', 0, 0.97, 1))).toBe('Increased serotonin (mu_exc 0.97, mu_inh 1)')
    expect(titleOf(rec('normal', 2, 1, 1))).toBe('Normal #3 (mu_exc 1, mu_inh 1)')
  })

  it('do not repeat levels a sweep condition is named by', () => {
    expect(titleOf(rec('mu_exc 0.98', 0, 0.98, 1))).toBe('mu_exc 0.98')
    expect(titleOf(rec('mu_exc 1.00', 4, 1, 1))).toBe('mu_exc 1.00 #5')
  })

  it('use the name the app lists a run by, so runs of one condition with different parameters differ', () => {
    expect(titleOf(rec('normal', 0, 1, 1), 'normal · j_ee 0.9 #1')).toBe('Normal · j_ee 0.9 #1 (mu_exc 1, mu_inh 1)')
    expect(titleOf(rec('mu_exc 0.98', 0, 0.98, 1), 'mu_exc 0.98 · RS.k 0.8 #3')).toBe('mu_exc 0.98 · RS.k 0.8 #3')
  })
})
