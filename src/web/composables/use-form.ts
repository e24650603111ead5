import { computed, reactive, ref } from 'vue'
import type { z } from 'zod'
import { ApiError } from '../api/client.js'

/**
 * A form validated with the server's own zod schema before it is sent, and showing the server's field
 * errors (`errors: [{ path, message }]`) when it answers 400. `errors[field]` is the message to show.
 */
export function useForm<Schema extends z.ZodType>(schema: Schema, initial: z.input<Schema>) {
  const values = reactive({ ...(initial as object) }) as z.input<Schema> & Record<string, unknown>
  const errors = ref<Record<string, string>>({})
  const formError = ref<string | null>(null)
  const isSubmitting = ref(false)

  function validate(): z.output<Schema> | undefined {
    const result = schema.safeParse(values)
    if (result.success) {
      errors.value = {}
      return result.data
    }
    const next: Record<string, string> = {}
    for (const issue of result.error.issues) {
      const path = issue.path.join('.') || '_'
      next[path] ??= issue.message
    }
    errors.value = next
    formError.value = next._ ?? null
    return undefined
  }

  /** Validates, then runs `send`; maps a 400's field errors and any other failure onto the form. */
  async function submit<T>(send: (data: z.output<Schema>) => Promise<T>): Promise<T | undefined> {
    formError.value = null
    const data = validate()
    if (data === undefined) return undefined
    isSubmitting.value = true
    try {
      return await send(data)
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        errors.value = Object.fromEntries(error.fieldErrors.map((field) => [field.path.replace(/^body\.?/, ''), field.message]))
      }
      formError.value = error instanceof ApiError ? (error.detail ?? error.title) : 'Something went wrong. Try again.'
      throw error
    } finally {
      isSubmitting.value = false
    }
  }

  function reset(next: z.input<Schema>) {
    Object.assign(values, next)
    errors.value = {}
    formError.value = null
  }

  const hasErrors = computed(() => Object.keys(errors.value).length > 0)
  return { values, errors, formError, isSubmitting, hasErrors, validate, submit, reset }
}
