import { spawn } from 'node:child_process'

/**
 * The compiled server in its own process on a free port, in production mode with background jobs off;
 * `env` adds to (or overrides) this process's environment.
 */
export async function startServer(env: Record<string, string>) {
  const server = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', SESSION_SECRET: 'bench-'.repeat(8), JOBS: 'off', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  server.stdout.setEncoding('utf8')
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout.on('data', (chunk: string) => {
      output += chunk
      const match = /running on http:\/\/localhost:(\d+)/.exec(output)
      if (match) resolve(Number(match[1]))
    })
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return { server, base: `http://127.0.0.1:${port}` }
}

/** Signs a demo user in and returns the session cookie. */
export async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'kitchen-pantry-demo' }),
  })
  if (!response.ok) throw new Error(`sign-in ${email}: ${response.status}`)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}
