/**
 * Finished runs in their groups (condition + exact parameter set, see compare-model.ts) and each
 * run's name: the group's label and the run's number in it, unique wherever runs are listed.
 */
import { computed, type ComputedRef } from 'vue'
import { useRunsStore } from '../../stores/runs'
import { useProjectStore } from '../../stores/project'
import { groupRuns, type ConditionGroup } from '../compare/compare-model'

export function useRunGroups(): { groups: ComputedRef<ConditionGroup[]>; runNames: ComputedRef<Map<string, string>> } {
  const runs = useRunsStore()
  const project = useProjectStore()
  const groups = computed(() => groupRuns(runs.records.values(), (sha) => runs.conditionParams.get(sha), project.doc.conditions.map((c) => c.name)))
  const runNames = computed(() => {
    const out = new Map<string, string>()
    for (const g of groups.value) g.runs.forEach((r, i) => out.set(r.runId, `${g.label} #${i + 1}`))
    return out
  })
  return { groups, runNames }
}
