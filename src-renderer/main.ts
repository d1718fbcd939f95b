import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { errorText, useNoticesStore } from './stores/notices'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)

// Anything thrown and not handled where it happened still reaches the user as one sentence.
const notices = useNoticesStore(pinia)
app.config.errorHandler = (err) => {
  console.error(err)
  notices.error(errorText(err))
}
window.addEventListener('unhandledrejection', (e) => {
  console.error(e.reason)
  notices.error(errorText(e.reason))
})

app.mount('#app')
