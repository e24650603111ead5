import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../testing/test-app.js'

describe('health', () => {
  it('live is 200; ready is 200 while the database answers and 503 once it does not', async () => {
    const t = await buildTestApp()
    try {
      expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200)
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' })
      expect(ready.statusCode).toBe(200)
      expect(ready.json().checks.database.status).toBe('up')

      await t.platform.database.close()
      const down = await t.app.inject({ method: 'GET', url: '/health/ready' })
      expect(down.statusCode).toBe(503)
      expect(down.headers['retry-after']).toBe('5')
      expect(down.json().checks.database.status).toBe('down')
    } finally {
      await t.app.close()
    }
  })

  it('ready reports Redis down (503) when a configured Redis does not answer', async () => {
    const t = await buildTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } })
    try {
      const response = await t.app.inject({ method: 'GET', url: '/health/ready' })
      expect(response.statusCode).toBe(503)
      expect(response.json().checks).toEqual({ database: { status: 'up' }, redis: { status: 'down' } })
    } finally {
      await t.close()
    }
  })
})
