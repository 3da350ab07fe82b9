/**
 * Builds the weapp mini-program (or reads WEAPP_DIST) and checks what WeChat will see: the pages
 * and the staff subpackage in app.json, the privacy and location settings, the accessibility
 * attributes in the templates, and the main-package size against our 1 MB budget (WeChat's own cap is 2 MB).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ARIA_ATTRIBUTES } from '../config/weapp-aria'

const appDir = path.resolve(__dirname, '..')
const dist = process.env.WEAPP_DIST ? path.resolve(process.env.WEAPP_DIST) : path.join(appDir, 'dist/weapp')
const MAIN_BUDGET = 1024 * 1024

interface SizeReport {
  main: number
  total: number
  subPackages: Record<string, number>
}

beforeAll(() => {
  if (process.env.WEAPP_DIST && fs.existsSync(path.join(dist, 'app.json'))) return
  execFileSync('pnpm', ['exec', 'taro', 'build', '--type', 'weapp'], { cwd: appDir, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } })
})

const appJson = () => JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))

function sizes(): SizeReport {
  const out = execFileSync('node', [path.join(appDir, 'scripts/size.mjs'), dist, '--json', `--budget=${Number.MAX_SAFE_INTEGER}`], { encoding: 'utf8' })
  return JSON.parse(out)
}

describe('weapp build', () => {
  it('lists the rider pages in the main package with home first', () => {
    const { pages } = appJson()
    expect(pages[0]).toBe('pages/home/index')
    for (const page of ['pages/scan/index', 'pages/join/meeting', 'pages/join/apply', 'pages/stamps/redeem', 'pages/stations/index', 'pages/report/index', 'pages/handbook/index']) {
      expect(pages).toContain(page)
      expect(fs.existsSync(path.join(dist, `${page}.js`))).toBe(true)
    }
    expect(pages.some((p: string) => p.startsWith('staff/'))).toBe(false)
  })

  it('puts the staff pages in their own subpackage', () => {
    const subPackages = appJson().subPackages ?? appJson().subpackages
    const staff = subPackages.find((p: { root: string }) => p.root.replace(/\/$/, '') === 'staff')
    expect(staff.pages).toEqual(expect.arrayContaining(['index', 'fulfil/index', 'applications/index', 'activities/qr', 'dashboard/index']))
    for (const page of staff.pages) expect(fs.existsSync(path.join(dist, 'staff', `${page}.js`))).toBe(true)
  })

  it('declares location use and the privacy check', () => {
    const json = appJson()
    expect(json.requiredPrivateInfos).toContain('getLocation')
    expect(json.permission['scope.userLocation'].desc.length).toBeLessThanOrEqual(30)
    expect(json.__usePrivacyCheck__).toBe(true)
    expect(json.tabBar.list.map((t: { pagePath: string }) => t.pagePath)).toEqual(['pages/home/index', 'pages/stations/index', 'pages/handbook/index', 'pages/me/index'])
  })

  it('keeps the main package within the 1 MB budget', () => {
    const report = sizes()
    console.log(`weapp main package ${(report.main / 1024).toFixed(1)} KB, total ${(report.total / 1024).toFixed(1)} KB`)
    expect(report.main).toBeLessThanOrEqual(MAIN_BUDGET)
    expect(report.subPackages['staff/']).toBeGreaterThan(0)
  })

  // Taro renders every element through base.wxml's templates, which carry only the attributes they
  // list: without these a screen reader in WeChat hears no role, label or state.
  it('carries role, label and state to every view and button for screen readers', () => {
    const wxml = fs.readFileSync(path.join(dist, 'base.wxml'), 'utf8')
    const tags = (name: string) => wxml.match(new RegExp(`<${name} [^>]*>`, 'g')) ?? []
    // Taro's slim view templates (class, style, id and at most a tap) serve only elements with no other
    // attribute; an element with any aria-* goes to the full ones (runtime: isHasExtractProp)
    const fullViews = tags('view').filter((tag) => tag.includes('hover-class='))
    expect(fullViews.length).toBeGreaterThanOrEqual(15)
    for (const tag of [...fullViews, ...tags('button')]) {
      for (const attribute of ARIA_ATTRIBUTES) expect(tag).toMatch(new RegExp(` ${attribute}="\\{\\{i\\.p\\d+\\|\\|''\\}\\}"`))
    }
    // the runtime knows them too (else it would not name their data as the templates read it)...
    const runtime = fs.readFileSync(path.join(dist, 'taro.js'), 'utf8')
    expect(runtime).toContain(`View:{${ARIA_ATTRIBUTES.map((a) => `"${a}":"''"`).join(',')}}`)
    // ...and the app sets WeChat's aria-role, not the DOM's role, which WeChat ignores
    const app = ['common.js', 'vendors.js'].map((file) => fs.readFileSync(path.join(dist, file), 'utf8')).join('\n')
    expect(app).toMatch(/\{"aria-role":\w+\}/)
  })
})
