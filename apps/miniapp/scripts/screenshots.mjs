#!/usr/bin/env node
// Walks the main journeys in Debian's Chromium at 375×812 and saves a PNG of each screen.
//   BASE=http://127.0.0.1:3101 OUT=/tmp/mini-shots node apps/miniapp/scripts/screenshots.mjs
import { chromium } from 'playwright-core'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const BASE = process.env.BASE ?? 'http://127.0.0.1:3101'
const OUT = process.env.OUT ?? '/tmp/mini-shots'
fs.mkdirSync(OUT, { recursive: true })

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})

async function newPhone({ geolocation = true, mobile = true } = {}) {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(geolocation ? { geolocation: { latitude: 39.8571, longitude: 116.2806 }, permissions: ['geolocation'] } : {}),
  })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error('pageerror', e.message))
  return page
}

/** A small valid PNG (solid red), as a stand-in for a camera photo. */
function solidPng(width, height) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(zlib.crc32(body) >>> 0, body.length + 4)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([200, 30, 30]))])
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

const shot = async (page, name) => {
  await page.waitForTimeout(600)
  await page.screenshot({ path: path.join(OUT, `${name}.png`) })
  console.log('saved', name)
}
const open = (page, hash) => page.goto(`${BASE}/#${hash}`)
const tapText = (page, text) => page.getByText(text, { exact: false }).first().click({ force: true })

async function signIn(page, who) {
  await open(page, '/pages/login/index')
  await page.getByText(who).first().waitFor()
  await tapText(page, who)
  await page.waitForURL(/pages\/home/)
}
async function api(page, method, p, body) {
  return page.evaluate(
    async ({ method, p, body }) => {
      const raw = localStorage.getItem('xfqs.tokens')
      const tokens = raw ? JSON.parse(raw).data ?? JSON.parse(raw) : null
      const r = await fetch(`/api/v1${p}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens?.accessToken}` }, body: body ? JSON.stringify(body) : undefined })
      return r.json()
    },
    { method, p, body },
  )
}

// Rider, signed out: home and stations.
const rider = await newPhone()
await open(rider, '/pages/home/index')
await rider.getByText('离我最近的驿站').waitFor()
await rider.getByText('公里').or(rider.getByText('米')).first().waitFor()
await shot(rider, '01-home-signed-out')
await open(rider, '/pages/login/index')
await rider.getByText('骑手小王').waitFor()
await shot(rider, '02-login-dev-picker')

// Admin creates a meeting and an activity.
const admin = await newPhone()
await signIn(admin, '卢沟桥街道工会')
await open(admin, '/staff/meetings/index')
await admin.locator(`input[placeholder="例如：顺丰丰体服务部职工沟通会"]`).fill('顺丰丰体服务部职工沟通会')
await tapText(admin, '创建并生成入会码')
await admin.getByText('扫码参会').waitFor()
await shot(admin, '03-staff-meeting-qr')
const meetingId = new URL(admin.url().replace('/#', '')).searchParams.get('meetingId')

// Rider applies through the meeting link.
await signIn(rider, '骑手小王')
await shot(rider, '04-home-rider')
await open(rider, `/pages/join/meeting?meetingId=${meetingId}`)
await rider.getByText('在线申请入会').waitFor()
await shot(rider, '05-meeting')
await tapText(rider, '在线申请入会')
await rider.locator(`input[placeholder="与身份证一致"]`).waitFor()
await rider.locator(`input[placeholder="与身份证一致"]`).fill('王小明')
await rider.locator(`input[placeholder="11 位手机号"]`).fill('13800138000')
await rider.locator(`input[placeholder="18 位身份证号"]`).fill('110105194912310021')
await rider.locator(`input[placeholder="与身份证一致"]`).click()
await shot(rider, '06-apply-checksum-error')
await rider.locator(`input[placeholder="18 位身份证号"]`).fill('11010519491231002X')
await tapText(rider, '美团')
await tapText(rider, '外卖配送员')
await tapText(rider, '同意工会为办理入会')
await shot(rider, '07-apply-filled')
await tapText(rider, '提交入会申请')
await rider.getByText('待审核').first().waitFor()
await shot(rider, '08-status-pending')

// Admin reviews.
await open(admin, '/staff/applications/index')
await admin.getByText('王小明').waitFor()
await shot(admin, '09-staff-applications')
await admin.getByText('通过', { exact: true }).first().click({ force: true })
await admin.getByText('没有待审核的申请').waitFor()

// Rider sees the member card.
await open(rider, '/pages/join/card')
await rider.getByText('工会会员证').waitFor()
await shot(rider, '10-member-card')

// Activity check-in with the rotating QR.
await open(admin, '/staff/activities/index')
await admin.locator(`input[placeholder="例如：创城志愿服务 · 清理小广告"]`).fill('创城志愿服务 · 清理小广告')
await tapText(admin, '创建并出示签到码')
await admin.getByText('扫一扫，签到得印章').waitFor()
await shot(admin, '11-staff-activity-qr')
const activityId = new URL(admin.url().replace('/#', '')).searchParams.get('activityId')
const { token } = await api(admin, 'GET', `/activities/${activityId}/checkin-token`)
await open(rider, `/pages/checkin/index?activityId=${activityId}&token=${token}`)
await rider.getByText('签到成功').waitFor()
await shot(rider, '12-activity-checkin')
await open(rider, `/pages/checkin/index?activityId=${activityId}&token=deadbeef00`)
await rider.getByText('没能签到').waitFor()
await shot(rider, '13-checkin-invalid-code')

// Stamps, rewards and redemption.
await api(rider, 'POST', '/__stub/stamps', { count: 10 })
await open(rider, '/pages/stamps/index')
await rider.getByText('行动记录').waitFor()
await shot(rider, '14-stamps')
await open(rider, '/pages/stamps/rewards')
await rider.getByText('冰袖').waitFor()
await shot(rider, '15-rewards')
await rider.getByText('兑换', { exact: true }).first().click({ force: true })
await rider.getByText('后失效').waitFor()
await shot(rider, '16-redeem-qr')
const code = (await rider.getByText(/兑换码 [0-9A-F]+/).textContent()).replace('兑换码 ', '').trim()

// Staff fulfils. (demo-staff gets its station_staff grant only once the stations seed exists,
// so the org admin, who may fulfil too, stands in for now.)
const staff = await newPhone()
await signIn(staff, '卢沟桥街道工会')
await open(staff, `/staff/fulfil/index?code=${code}`)
await staff.getByText(/核销成功|没能核销/).waitFor()
await shot(staff, '17-staff-fulfil')
await rider.getByText('兑换成功').waitFor({ timeout: 15000 }).catch(() => undefined)
await shot(rider, '18-redeem-done')

// An expired redemption code explains itself.
await open(rider, `/pages/stamps/redeem?code=ABC123&expiresAt=${encodeURIComponent(new Date(Date.now() - 60000).toISOString())}&reward=${encodeURIComponent('保温杯')}`)
await rider.getByText('兑换码已过期').waitFor()
await shot(rider, '18b-redeem-expired')

// Station check-in with the code posted at the door (as the stub's checkin-code emits it).
await open(rider, '/pages/checkin/index?stationId=st-2&code=cst-2')
await rider.getByText('签到成功').waitFor()
await shot(rider, '18c-station-checkin')

// Stations.
await open(rider, '/pages/stations/index')
await rider.getByText('按距离由近到远').waitFor()
await shot(rider, '19-stations')
await tapText(rider, '热饭')
await rider.waitForTimeout(800)
await shot(rider, '20-stations-filtered')
await rider.locator('.xf-station').first().click({ force: true })
await rider.getByText('提供的服务').waitFor()
await shot(rider, '21-station-detail')

// Handbook, report, me.
await open(rider, '/pages/handbook/index')
await rider.getByText('致快递员').waitFor()
await shot(rider, '22-handbook-letter')
await open(rider, '/pages/report/index')
await rider.getByText('现场照片').waitFor()
await tapText(rider, '提交随手拍')
await shot(rider, '23-report-validation')
await open(rider, '/pages/me/index')
await rider.getByText('我的身份').waitFor()
await shot(rider, '24-me')
await open(staff, '/staff/index')
await staff.getByText('核销兑换').waitFor()
await shot(staff, '25-staff-home')
await open(admin, '/staff/station-qr/index?stationId=st-1')
await admin.getByText('骑手扫码签到').waitFor()
await shot(admin, '25b-staff-station-qr')
await open(admin, '/staff/dashboard/index')
await admin.getByText('新会员').first().waitFor()
await shot(admin, '26-staff-dashboard')

// 随手拍 with a photo (a non-mobile context: Taro's H5 chooseMedia opens the file picker directly).
const reporter = await newPhone({ mobile: false })
await signIn(reporter, '骑手小王')
await open(reporter, '/pages/report/index')
await reporter.getByText('现场照片').waitFor()
const photo = path.join(OUT, 'photo.png')
fs.writeFileSync(photo, solidPng(64, 48))
const [chooser] = await Promise.all([reporter.waitForEvent('filechooser'), tapText(reporter, '拍照 / 从相册选')])
await chooser.setFiles(photo)
await tapText(reporter, '环境卫生')
await reporter.locator('textarea').fill('丰台路口垃圾桶满溢，散落一地')
await shot(reporter, '23b-report-filled')
await tapText(reporter, '提交随手拍')
await reporter.waitForURL(/report\/mine/, { waitUntil: 'commit' }).catch(async (e) => { await reporter.screenshot({ path: path.join(OUT, 'debug-report.png') }); throw e })
await reporter.getByText('待处理').first().waitFor()
await shot(reporter, '23c-my-reports')

// Location denied: default location notice.
const denied = await newPhone({ geolocation: false })
await open(denied, '/pages/stations/index')
await denied.getByText('未能获取您的位置').waitFor({ timeout: 15000 })
await shot(denied, '27-stations-location-denied')

await browser.close()
