// Runs before `npm start` and `npm test` on a fresh clone: plain Node, no dependencies of its own.
// Installs packages when node_modules is missing or older than the lockfile, and with --build
// compiles the server when dist/ is missing or older than any source file.
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
  const builtAt = mtime(join(root, 'dist', 'server', 'main.js'))
  const sourcesAt = Math.max(newestFile(join(root, 'src')), mtime(join(root, 'tsconfig.json')), mtime(join(root, 'tsconfig.build.json')))
  if (builtAt < sourcesAt) {
    console.error('Compiling the server…')
    run('npm', ['run', '--silent', 'build'])
  }
}
