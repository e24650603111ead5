import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '../api/client.js'
import { authApi } from '../api/resources.js'
import type { User } from '../api/types.js'

/** Who is signed in. Client state only: records live in Vue Query. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const isLoaded = ref(false)

  const isManager = computed(() => user.value?.role === 'manager' || user.value?.role === 'admin')
  const isAdmin = computed(() => user.value?.role === 'admin')

  /** Loads the session once; answers whether someone is signed in. */
  async function ensureLoaded(): Promise<boolean> {
    if (!isLoaded.value) {
      try {
        user.value = (await authApi.me()).user
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error
        user.value = null
      }
      isLoaded.value = true
    }
    return user.value !== null
  }

  async function signIn(email: string, password: string) {
    user.value = (await authApi.login(email, password)).user
    isLoaded.value = true
  }

  async function signOut() {
    await authApi.logout().catch(() => undefined)
    forget()
  }

  function forget() {
    user.value = null
    isLoaded.value = true
  }

  return { user, isLoaded, isManager, isAdmin, ensureLoaded, signIn, signOut, forget }
})
