// Runs before `npm start` and `npm test` on a fresh clone: plain Node, no dependencies of its own.
// Installs packages when node_modules is missing or older than the lockfile, and with --build
// compiles the server and builds the web app when either is missing or older than its sources.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0)

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function newestFile(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestFile(path) : statSync(path).mtimeMs)
  }
  return newest
}

const installedMarker = join(root, 'node_modules', '.package-lock.json')
if (mtime(installedMarker) < mtime(join(root, 'package-lock.json'))) {
  console.error('Installing dependencies (npm ci)…')
  run('npm', ['ci', '--no-audit', '--no-fund'])
}

if (process.argv.includes('--build')) {
  const shared = newestFile(join(root, 'src', 'shared'))
  const serverAt = mtime(join(root, 'dist', 'server', 'main.js'))
  const serverSourcesAt = Math.max(shared, newestFile(join(root, 'src', 'server')), mtime(join(root, 'tsconfig.json')), mtime(join(root, 'tsconfig.build.json')))
  if (serverAt < serverSourcesAt) {
    console.error('Compiling the server…')
    run('npm', ['run', '--silent', 'build:server'])
  }
  const webAt = mtime(join(root, 'dist', 'web', 'index.html'))
  const webSourcesAt = Math.max(shared, newestFile(join(root, 'src', 'web')), mtime(join(root, 'vite.config.ts')), mtime(join(root, 'package-lock.json')))
  if (webAt < webSourcesAt) {
    console.error('Building the web app…')
    run('npm', ['run', '--silent', 'build:web'])
  }
}
