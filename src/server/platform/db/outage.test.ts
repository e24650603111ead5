import { randomBytes } from 'node:crypto'
import { createServer, type Server, type Socket, connect } from 'node:net'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../app.js'
import { testConfig } from '../../testing/test-app.js'
import { openDatabase } from './database.js'

/** A TCP hop between the app and PostgreSQL that the test can cut and restore: a real outage. */
function createCuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('close', () => sockets.delete(socket))
          socket.on('error', () => socket.destroy())
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as { port: number }).port
        resolve()
      })
    })
  return {
    open,
    get port() {
      return port
    },
    async cut() {
      const closing = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      for (const socket of sockets) socket.destroy()
      await closing
      server = undefined
    },
  }
}

// PostgreSQL only: an embedded database has no network to lose. Registered per driver, not skipped.
if (inject('driver') === 'postgres') {
  describe('PostgreSQL outage', () => {
    it('answers 503 with Retry-After while the database is unreachable and recovers by itself', async () => {
      const adminUrl = new URL(inject('postgresUrl'))
      const name = `${inject('postgresTemplate')}_f_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: adminUrl.toString() })
      await admin.connect()
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('postgresTemplate')}"`)
      const proxy = createCuttableProxy({ host: adminUrl.hostname, port: Number(adminUrl.port || 5432) })
      await proxy.open()
      const url = new URL(adminUrl)
      url.host = `127.0.0.1:${proxy.port}`
      url.pathname = `/${name}`
      const database = await openDatabase({ driver: 'postgres', url: url.toString(), poolMax: 3 })
      const { app } = await buildApp(testConfig(), { database })
      try {
        const before = await app.inject({ method: 'GET', url: '/health/ready' })
        expect(before.statusCode).toBe(200)

        await proxy.cut()
        const ready = await app.inject({ method: 'GET', url: '/health/ready' })
        expect(ready.statusCode).toBe(503)
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@example.com', password: 'whatever' } })
        expect(login.statusCode).toBe(503)
        expect(login.headers['retry-after']).toBe('5')
        expect(login.json()).toMatchObject({ status: 503, title: 'Service Unavailable' })
        expect(login.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/)

        await proxy.open()
        const after = await app.inject({ method: 'GET', url: '/health/ready' })
        expect(after.statusCode).toBe(200)
        const loginAgain = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@example.com', password: 'whatever' } })
        expect(loginAgain.statusCode).toBe(401)
      } finally {
        await app.close()
        await database.close()
        await proxy.cut()
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.end()
      }
    })
  })
}

describe('database closed under a running app', () => {
  it('answers 503 problem+json, never a 500', async () => {
    const { buildTestApp } = await import('../../testing/test-app.js')
    const t = await buildTestApp()
    try {
      const rep = await t.signIn('rep')
      await t.platform.database.close()
      const response = await rep.request({ method: 'GET', url: '/api/v1/organizations' })
      expect(response.statusCode).toBe(503)
      expect(response.headers['retry-after']).toBe('5')
    } finally {
      await t.app.close()
    }
  })
})
