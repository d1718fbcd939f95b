/** Ctrl+1..4 (Cmd on macOS) switch between the four views. */
import { onBeforeUnmount, onMounted } from 'vue'
import { VIEWS, useUiStore } from '../stores/ui'

export function viewForShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): number | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null
  const n = Number(e.key)
  return Number.isInteger(n) && n >= 1 && n <= VIEWS.length ? n - 1 : null
}

export function useViewShortcuts(): void {
  const ui = useUiStore()
  const onKey = (e: KeyboardEvent): void => {
    const i = viewForShortcut(e)
    if (i === null) return
    e.preventDefault()
    ui.show(VIEWS[i].name)
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
