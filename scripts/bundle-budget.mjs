// Run after `vite build`: prints what the browser downloads and fails when the first load is over
// budget. "Initial" = what the login and dashboard routes need: index.html's entry script and every
// chunk it imports statically, plus the two route chunks and their static imports; sizes are gzip.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'

const BUDGET_JS_KB = 120
const BUDGET_CSS_KB = 25
const root = new URL('../dist/web', import.meta.url).pathname
const manifest = JSON.parse(readFileSync(join(root, '.vite', 'manifest.json'), 'utf8'))
const gzipKb = (file) => gzipSync(readFileSync(join(root, file)), { level: 9 }).length / 1024

const byName = new Map(Object.entries(manifest))
const entry = [...byName.entries()].find(([, chunk]) => chunk.isEntry)
if (!entry) throw new Error('no entry chunk in the build manifest')
const routes = ['pages/LoginPage.vue', 'pages/DashboardPage.vue']

const js = new Set()
const css = new Set()
function collect(name) {
  const chunk = byName.get(name)
  if (!chunk || js.has(chunk.file)) return
  js.add(chunk.file)
  for (const file of chunk.css ?? []) css.add(file)
  for (const imported of chunk.imports ?? []) collect(imported)
}
collect(entry[0])
for (const route of routes) {
  if (!byName.has(route)) throw new Error(`route chunk ${route} not found in the build manifest`)
  collect(route)
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}
const all = walk(root).filter((path) => /\.(js|css)$/.test(path) && !path.includes('/.vite/'))
const rows = all
  .map((path) => ({ file: relative(root, path), gzip: gzipKb(relative(root, path)) }))
  .sort((a, b) => b.gzip - a.gzip)

const initialJs = [...js].reduce((sum, file) => sum + gzipKb(file), 0)
const initialCss = [...css].reduce((sum, file) => sum + gzipKb(file), 0)
const totalJs = rows.filter((row) => row.file.endsWith('.js')).reduce((sum, row) => sum + row.gzip, 0)

console.log('\nWeb bundle (gzip):')
for (const row of rows.slice(0, 12)) console.log(`  ${row.gzip.toFixed(1).padStart(7)} KB  ${row.file}${js.has(row.file) || css.has(row.file) ? '  (initial)' : ''}`)
if (rows.length > 12) console.log(`  … ${rows.length - 12} more files`)
console.log(`  initial JS  ${initialJs.toFixed(1)} KB of ${BUDGET_JS_KB} KB budget (${js.size} files)`)
console.log(`  initial CSS ${initialCss.toFixed(1)} KB of ${BUDGET_CSS_KB} KB budget`)
console.log(`  all JS      ${totalJs.toFixed(1)} KB across ${rows.filter((row) => row.file.endsWith('.js')).length} files (loaded per route)`)

const over = []
if (initialJs > BUDGET_JS_KB) over.push(`initial JS ${initialJs.toFixed(1)} KB > ${BUDGET_JS_KB} KB`)
if (initialCss > BUDGET_CSS_KB) over.push(`initial CSS ${initialCss.toFixed(1)} KB > ${BUDGET_CSS_KB} KB`)
if (over.length > 0) {
  console.error(`\nOver budget: ${over.join('; ')}`)
  process.exit(1)
}
