import { ref, type Ref } from 'vue'
import { errorText, useNoticesStore } from '../stores/notices'

/**
 * For buttons that call the main process: `busy` while one call runs (to disable the buttons),
 * and anything thrown shown as an error notice.
 */
export function useBusyAction(): { busy: Ref<boolean>; run(work: () => Promise<void>): Promise<void> } {
  const notices = useNoticesStore()
  const busy = ref(false)
  async function run(work: () => Promise<void>): Promise<void> {
    busy.value = true
    try {
      await work()
    } catch (e) {
      notices.error(errorText(e))
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
