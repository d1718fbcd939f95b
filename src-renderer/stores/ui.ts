/**
 * View-level state shared across the app: which tab is shown, which parameter set the editor
 * has open, and whether the Rasters view should open its GIF export dialog (set by the
 * File > Export GIF menu; the Rasters view clears it when the dialog closes).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type ViewName = 'parameters' | 'conditions' | 'compare' | 'rasters'

export const VIEWS: ReadonlyArray<{ name: ViewName; label: string }> = [
  { name: 'parameters', label: 'Parameters' },
  { name: 'conditions', label: 'Conditions & queue' },
  { name: 'compare', label: 'Compare' },
  { name: 'rasters', label: 'Rasters' }
]

/** Also dispatched on window when the GIF dialog is requested, for listeners outside Vue. */
export const GIF_EXPORT_EVENT = 'workbench:export-gif'

export function isViewName(v: unknown): v is ViewName {
  return typeof v === 'string' && VIEWS.some((x) => x.name === v)
}

export const useUiStore = defineStore('ui', () => {
  const activeView = ref<ViewName>('parameters')
  const gifDialogOpen = ref(false)
  /** Name of the parameter set open in the Parameters view. */
  const selectedSet = ref('default')

  function show(view: ViewName): void {
    activeView.value = view
  }

  function requestGifExport(): void {
    activeView.value = 'rasters'
    gifDialogOpen.value = true
    window.dispatchEvent(new CustomEvent(GIF_EXPORT_EVENT))
  }

  function closeGifDialog(): void {
    gifDialogOpen.value = false
  }

  return { activeView, gifDialogOpen, selectedSet, show, requestGifExport, closeGifDialog }
})
