import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  id: number
  tone: 'success' | 'error' | 'info'
  text: string
  action?: { label: string; run: () => void }
}

/** Short-lived feedback after an action ("Saved", "Deleted — Undo"). */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1

  function show(text: string, tone: Notice['tone'] = 'success', action?: Notice['action'], durationMs = 5000) {
    const id = nextId++
    notices.value = [...notices.value, { id, tone, text, action }].slice(-4)
    setTimeout(() => dismiss(id), durationMs)
    return id
  }

  function dismiss(id: number) {
    notices.value = notices.value.filter((notice) => notice.id !== id)
  }

  return { notices, show, dismiss }
})
