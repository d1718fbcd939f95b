/**
 * Text typed into a parameter field that is not a valid value (-3 where the range starts at 0,
 * "abc"). Such text never reaches the document, so it is remembered here: Run all refuses to run
 * while a set it needs shows one (the run would silently use the last valid value), and Undo or
 * Reset clear it.
 */
import { defineStore } from 'pinia'
import { computed, ref, type InjectionKey, type Ref } from 'vue'

export interface InvalidDraft {
  set: string
  /** `group.key`, as the file and the error messages name it. */
  field: string
  text: string
  message: string
}

const keyOf = (set: string, field: string) => `${set}\u0000${field}`

export const useDraftsStore = defineStore('drafts', () => {
  const invalid = ref<ReadonlyMap<string, InvalidDraft>>(new Map())
  /** Bumped whenever every draft is discarded, so fields show the document's values again. */
  const generation = ref(0)

  function report(set: string, field: string, text: string, message: string | null): void {
    const key = keyOf(set, field)
    if (message === null && !invalid.value.has(key)) return
    const next = new Map(invalid.value)
    if (message === null) next.delete(key)
    else next.set(key, { set, field, text, message })
    invalid.value = next
  }

  function draftOf(set: string, field: string): InvalidDraft | undefined {
    return invalid.value.get(keyOf(set, field))
  }

  function discardAll(): void {
    invalid.value = new Map()
    generation.value++
  }

  /** The first invalid text in any of these sets, as a reason not to run them; else null. */
  function problemIn(sets: Iterable<string>): string | null {
    const wanted = new Set(sets)
    for (const d of invalid.value.values()) {
      if (wanted.has(d.set)) return `Parameter set '${d.set}': ${d.message}. Fix it or undo it before running.`
    }
    return null
  }

  const any = computed(() => invalid.value.size > 0)
  return { invalid, generation, any, report, draftOf, discardAll, problemIn }
})

/** Provided by the Parameters view: the name of the set its fields edit. */
export const PARAMETER_SET_KEY = Symbol('parameter set') as InjectionKey<Readonly<Ref<string>>>
