import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../testing/test-app.js'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(async () => {
  await t.close()
})

describe('users', () => {
  it('admins create, list and change users; the new user can sign in', async () => {
    const admin = await t.signIn('admin')
    const created = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { email: 'New.Rep@Example.com', name: 'New Rep', role: 'rep', password: 'a long enough password' } })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ email: 'new.rep@example.com', role: 'rep', isActive: true })
    expect(created.json()).not.toHaveProperty('passwordHash')
    expect(created.json()).not.toHaveProperty('password')

    const duplicate = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { email: 'new.rep@EXAMPLE.com', name: 'Again', password: 'a long enough password' } })
    expect(duplicate.statusCode).toBe(409)

    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'new.rep@example.com', password: 'a long enough password' } })
    expect(login.statusCode).toBe(200)

    const promoted = await admin.request({ method: 'PATCH', url: `/api/v1/users/${created.json().id}`, payload: { role: 'manager' } })
    expect(promoted.json()).toMatchObject({ role: 'manager', version: 2 })
    const deactivated = await admin.request({ method: 'PATCH', url: `/api/v1/users/${created.json().id}`, payload: { isActive: false } })
    expect(deactivated.json().isActive).toBe(false)
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'new.rep@example.com', password: 'a long enough password' } })
    expect(refused.statusCode).toBe(401)

    const list = await admin.request({ method: 'GET', url: '/api/v1/users?q=new.rep' })
    expect(list.json().data.map((u: { id: string }) => u.id)).toEqual([created.json().id])
  })

  it('managers may list but not create or change; reps may do neither', async () => {
    const manager = await t.signIn('manager')
    const rep = await t.signIn('rep')
    expect((await manager.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(200)
    expect((await manager.request({ method: 'POST', url: '/api/v1/users', payload: { email: 'x@example.com', name: 'X', password: 'a long enough password' } })).statusCode).toBe(403)
    expect((await manager.request({ method: 'PATCH', url: `/api/v1/users/${rep.user.id}`, payload: { role: 'admin' } })).statusCode).toBe(403)
    expect((await rep.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403)
    const rows = await manager.request({ method: 'GET', url: `/api/v1/users/${rep.user.id}` })
    expect(rows.json().role).toBe('rep')
  })

  it("a new password ends the user's other sessions", async () => {
    const admin = await t.signIn('admin')
    const rep = await t.signIn('rep')
    expect((await rep.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200)
    const reset = await admin.request({ method: 'PATCH', url: `/api/v1/users/${rep.user.id}`, payload: { password: 'a brand new long password' } })
    expect(reset.statusCode).toBe(200)
    expect((await rep.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401)
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: rep.user.email, password: 'a brand new long password' } })
    expect(login.statusCode).toBe(200)
  })

  it('rejects weak passwords and an admin demoting themselves', async () => {
    const admin = await t.signIn('admin')
    const weak = await admin.request({ method: 'POST', url: '/api/v1/users', payload: { email: 'weak@example.com', name: 'Weak', password: 'short' } })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().errors[0].path).toBe('body.password')
    const self = await admin.request({ method: 'PATCH', url: `/api/v1/users/${admin.user.id}`, payload: { role: 'rep' } })
    expect(self.statusCode).toBe(400)
    expect((await admin.request({ method: 'GET', url: '/api/v1/auth/me' })).json().user.role).toBe('admin')
  })
})
