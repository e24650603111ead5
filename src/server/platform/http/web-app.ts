import { existsSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'

/** Paths that are never the app shell: an unknown one is a problem+json 404, not index.html. */
const NOT_SHELL = /^\/(api|health|metrics)(\/|$)/

/**
 * Serves the built SPA: content-hashed files under /assets are immutable for a year; everything else
 * (index.html, the service worker, the manifest) is revalidated on every load, so a release is never
 * mixed with a stale shell. Files are sent precompressed (brotli, gzip) as the build wrote them. Any
 * other GET that wants HTML gets index.html, so deep links work.
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance, options: { root: string }) => {
    if (!existsSync(join(options.root, 'index.html'))) {
      app.log.warn({ root: options.root }, 'the web app is not built (npm run build); serving the API only')
      return
    }
    await app.register(fastifyStatic, {
      root: options.root,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders(response, path) {
        const file = relative(options.root, path)
        const isHashed = file.startsWith(`assets${sep}`) || /^workbox-[0-9a-f]{8}\.js$/.test(file)
        response.header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
    const sendShell = (reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html')
    app.get('/', { config: { access: 'public' } }, (_request, reply) => sendShell(reply))
    app.get('/*', { config: { access: 'public' } }, (request, reply) => {
      const path = request.url.split('?')[0] ?? '/'
      if (NOT_SHELL.test(path) || !(request.headers.accept ?? '').includes('text/html')) return reply.callNotFound()
      return sendShell(reply)
    })
  },
  { name: 'web-app' },
)
