#!/usr/bin/env node
// Prints the weapp build's main-package size, each subpackage and the total, the way WeChat
// counts them (every file under the package's folder; the main package is everything outside
// the subpackage roots). Exits 1 when the main package is over the budget.
//   node apps/miniapp/scripts/size.mjs [distDir] [--budget=1048576] [--json]
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const distDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(here, '../dist/weapp'))
const budget = Number(args.find((a) => a.startsWith('--budget='))?.split('=')[1] ?? 1024 * 1024)
const asJson = args.includes('--json')

/** Files WeChat does not upload with the code package. */
const IGNORED = [/\.map$/, /\.LICENSE\.txt$/, /^project(\.private)?\.config\.json$/]

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return listFiles(full, base)
    const rel = path.relative(base, full).split(path.sep).join('/')
    return IGNORED.some((re) => re.test(path.basename(rel))) ? [] : [{ rel, size: fs.statSync(full).size }]
  })
}

export function measure(dir) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'))
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
  const packages = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
  for (const file of listFiles(dir)) {
    const root = roots.find((r) => file.rel.startsWith(r))
    packages[root ?? 'main'] += file.size
  }
  const total = Object.values(packages).reduce((a, b) => a + b, 0)
  return { main: packages.main, subPackages: Object.fromEntries(roots.map((r) => [r, packages[r]])), total, pages: appJson.pages, roots }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(path.join(distDir, 'app.json'))) {
    console.error(`no weapp build at ${distDir}: run pnpm --filter @xfqs/miniapp build:weapp first`)
    process.exit(2)
  }
  const result = measure(distDir)
  if (asJson) console.log(JSON.stringify({ ...result, budget }))
  else {
    console.log(`main package: ${kb(result.main)} (budget ${kb(budget)})`)
    for (const [root, size] of Object.entries(result.subPackages)) console.log(`subpackage ${root}: ${kb(size)}`)
    console.log(`total: ${kb(result.total)}`)
  }
  if (result.main > budget) {
    console.error(`main package is over budget by ${kb(result.main - budget)}`)
    process.exit(1)
  }
}
