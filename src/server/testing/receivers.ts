import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** Polls `check` until it returns something truthy (real servers answer in their own time). */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const result = await check()
    if (result) return result
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A real SMTP server (smtp-server) with login, collecting every message it accepts, parsed. */
export async function startSmtpReceiver(credentials = { user: 'alerts', password: 'p@ss w0rd:secret' }) {
  const messages: ParsedMail[] = []
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.password) callback(null, { user: auth.username })
      else callback(new Error('Invalid username or password'))
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail)
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    port,
    url: `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export interface ReceivedCall {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/**
 * A local HTTP endpoint standing in for Slack or a webhook receiver: records every call and answers
 * with `status` (set it to 503 to play a channel that is down). `stop()`/`start()` take it off the
 * network entirely on the same port.
 */
export async function startHttpReceiver() {
  const calls: ReceivedCall[] = []
  let status = 200
  let server: Server | undefined
  let port = 0
  const start = async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        calls.push({ path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
        response.statusCode = status
        response.end(status < 300 ? 'ok' : 'unavailable')
      })
    })
    await new Promise<void>((resolve) => (server as Server).listen(port, '127.0.0.1', resolve))
    port = ((server as Server).address() as AddressInfo).port
  }
  await start()
  return {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    calls,
    setStatus(code: number) {
      status = code
    },
    start,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  }
}
