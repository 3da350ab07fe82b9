#!/usr/bin/env node
/**
 * DEV-ONLY stand-in for the API endpoints that other engineers are still building (stations,
 * membership, stamps), so the H5 app can be clicked through and screenshotted today.
 * It serves dist/h5 at `/`, answers those endpoints from memory per API.md, and forwards every
 * other request (auth, /me, orgs…) to the real API. Delete it once the real endpoints land.
 *
 *   PORT=3101 REAL_API=http://127.0.0.1:3100 node apps/miniapp/scripts/stub-api.mjs
 */
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const PORT = Number(process.env.PORT ?? 3101)
const REAL_API = process.env.REAL_API ?? 'http://127.0.0.1:3100'
const H5 = path.join(here, '../dist/h5')
const id = () => crypto.randomUUID()
const now = () => new Date()

// ---------- demo data ----------
const W = (days, open, close) => ({ days, open, close })
const WEEKDAYS = [1, 2, 3, 4, 5]
const ALL = [1, 2, 3, 4, 5, 6, 7]
const stations = [
  ['卢沟桥街道工会驿站（巴厘岛快递公寓）', 'union_station', '丰台区新丰路88号', 39.8612, 116.2791, ['hot_water', 'microwave', 'charging', 'rest_area', 'restroom', 'wifi', 'medical_kit'], { weekly: [W(ALL, '08:00', '21:00')] }, '010-63801234'],
  ['顺丰丰体服务部工会驿站', 'union_station', '丰台区梅市口路183号', 39.8553, 116.2902, ['hot_water', 'microwave', 'charging', 'rest_area', 'air_pump', 'umbrella_raincoat'], { weekly: [], alwaysOpen: true }, '010-63805678'],
  ['东高地暖心驿站', 'warm_station', '丰台区东高地街道万源广场', 39.8011, 116.4153, ['hot_water', 'microwave', 'charging', 'fridge', 'reading'], { weekly: [W(WEEKDAYS, '09:00', '18:00'), W([6, 7], '10:00', '16:00')] }, '010-67981234'],
  ['大成路户外劳动者服务站', 'outdoor_worker_station', '丰台区大井村260号', 39.8688, 116.2655, ['hot_water', 'charging', 'restroom', 'sewing_kit', 'air_pump'], { weekly: [W(ALL, '07:00', '22:00')] }, null],
  ['天元公园西门党群服务站', 'warm_station', '丰台区小屯路天元公园西门', 39.8702, 116.2498, ['hot_water', 'rest_area', 'legal_aid', 'counselling', 'reading'], { weekly: [W(WEEKDAYS, '09:00', '17:30')] }, '010-83871234'],
  ['小马快修（先锋骑士合作商户）', 'partner_shop', '丰台区丰台北路32号', 39.8577, 116.2951, ['repair_discount', 'air_pump', 'charging'], { weekly: [W(ALL, '08:30', '20:00')] }, '13800138000'],
].map(([name, kind, address, lat, lng, services, hours, phone], i) => ({ id: `st-${i + 1}`, name, kind, address, lat, lng, services, hours, phone, orgId: 'org-lgq' }))
const rewards = [
  { id: 'rw-1', name: '冰袖', cost: 10, stock: 30, stationId: 'st-1' },
  { id: 'rw-2', name: '保温杯', cost: 10, stock: 12, stationId: 'st-1' },
  { id: 'rw-3', name: '充电宝', cost: 15, stock: 5, stationId: 'st-2' },
  { id: 'rw-4', name: '电动车雨衣', cost: 12, stock: 0, stationId: 'st-2' },
  { id: 'rw-5', name: '御寒手套', cost: 10, stock: 20, stationId: 'st-3' },
]
const meetings = []
const applications = []
const activities = []
const ledger = [] // { id, userId, source, title, amount, awardedAt }
const reports = []
const redemptions = [] // { id, code, userId, stationId, rewardId, expiresAt, fulfilledAt }
const checkins = []
let memberSeq = 1000

// ---------- helpers ----------
function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(text)
}
const fail = (res, status, code, message, details) => send(res, status, { error: { code, message, ...(details ? { details } : {}) } })
function distance(a, b) {
  const r = (d) => (d * Math.PI) / 180
  const h = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2
  return Math.round(2 * 6371008.8 * Math.asin(Math.sqrt(h)))
}
function openNow(hours) {
  if (hours.alwaysOpen) return true
  const sh = new Date(Date.now() + 8 * 3600e3)
  const day = sh.getUTCDay() || 7
  const hm = `${String(sh.getUTCHours()).padStart(2, '0')}:${String(sh.getUTCMinutes()).padStart(2, '0')}`
  return hours.weekly.some((w) => w.days.includes(day) && (w.close > w.open ? hm >= w.open && hm < w.close : hm >= w.open || hm < w.close))
}
const shanghaiDay = (d) => new Date(new Date(d).getTime() + 8 * 3600e3).toISOString().slice(0, 10)
async function readBody(req) {
  const chunks = []
  for await (const c of req) chunks.push(c)
  const buf = Buffer.concat(chunks)
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      return JSON.parse(buf.toString() || '{}')
    } catch {
      return {}
    }
  }
  return buf
}
const meCache = new Map()
async function whoAmI(req) {
  const auth = req.headers.authorization
  if (!auth) return null
  if (meCache.has(auth)) return meCache.get(auth)
  const r = await fetch(`${REAL_API}/api/v1/me`, { headers: { authorization: auth } })
  if (!r.ok) return null
  const me = await r.json()
  meCache.set(auth, me)
  return me
}
function membershipOf(userId) {
  const app = applications.filter((a) => a.userId === userId).at(-1)
  if (!app) return { status: 'none' }
  return {
    status: app.status,
    application: { id: app.id, status: app.status, submittedAt: app.submittedAt, orgId: app.orgId, orgName: app.orgName, platform: app.platform, occupation: app.occupation, rejectReason: app.rejectReason },
    ...(app.memberNo ? { memberNo: app.memberNo, memberSince: app.reviewedAt } : {}),
  }
}
function stampsOf(userId) {
  const items = ledger.filter((l) => l.userId === userId).sort((a, b) => b.awardedAt.localeCompare(a.awardedAt))
  const total = items.reduce((s, l) => s + l.amount, 0)
  const done = redemptions.filter((r) => r.userId === userId && r.fulfilledAt)
  const spent = done.reduce((s, r) => s + rewards.find((w) => w.id === r.rewardId).cost, 0)
  return {
    balance: total - spent,
    total,
    goal: 10,
    items: items.map(({ userId: _, ...l }) => l),
    redemptions: done.map((r) => ({ id: r.id, rewardName: rewards.find((w) => w.id === r.rewardId).name, stationName: stations.find((s) => s.id === r.stationId).name, cost: rewards.find((w) => w.id === r.rewardId).cost, fulfilledAt: r.fulfilledAt })),
  }
}
const mask = (a) => ({ ...a, phone: `${a.phone.slice(0, 3)}****${a.phone.slice(7)}`, idCardNumber: `${a.idCardNumber.slice(0, 6)}********${a.idCardNumber.slice(14)}` })
const tokenFor = (activityId, step) => crypto.createHash('sha256').update(`${activityId}:${step}`).digest('hex').slice(0, 10)

// ---------- routes ----------
const routes = []
const route = (method, pattern, handler, { auth = true } = {}) => routes.push({ method, re: new RegExp(`^/api/v1${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`), handler, auth })

route('GET', '/me', async (req, res, { me }) => send(res, 200, { ...me, membership: { status: membershipOf(me.id).status, memberNo: membershipOf(me.id).memberNo }, stamps: (({ balance, total, goal }) => ({ balance, total, goal }))(stampsOf(me.id)) }))
route('GET', '/stations/nearby', async (req, res, { query }) => {
  const at = { lat: Number(query.get('lat')), lng: Number(query.get('lng')) }
  if (!Number.isFinite(at.lat) || !Number.isFinite(at.lng)) return fail(res, 400, 'VALIDATION_FAILED', '请求参数不正确', [{ field: 'lat', message: '必填' }])
  const wanted = (query.get('services') ?? '').split(',').filter(Boolean)
  const radius = Number(query.get('radiusM') ?? 10000)
  const items = stations
    .map((s) => ({ ...s, distanceM: distance(at, s), openNow: openNow(s.hours) }))
    .filter((s) => s.distanceM <= radius && wanted.every((w) => s.services.includes(w)) && (query.get('openNow') !== 'true' || s.openNow))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, Number(query.get('limit') ?? 10))
  send(res, 200, { items })
}, { auth: false })
route('GET', '/stations/:id', async (req, res, { params, query }) => {
  const s = stations.find((x) => x.id === params.id)
  if (!s) return fail(res, 404, 'NOT_FOUND', '没有这个驿站')
  const at = query.get('lat') ? { lat: Number(query.get('lat')), lng: Number(query.get('lng')) } : null
  send(res, 200, { ...s, openNow: openNow(s.hours), ...(at ? { distanceM: distance(at, s) } : {}) })
}, { auth: false })
route('GET', '/stations/:id/checkin-code', async (req, res, { params, host }) => send(res, 200, { code: `c${params.id}`, url: `http://${host}/#/pages/checkin/index?stationId=${params.id}&code=c${params.id}` }))
route('POST', '/stations/:id/checkins', async (req, res, { params, body, me }) => {
  if (body.code !== `c${params.id}`) return fail(res, 422, 'INVALID_CODE', '签到码无效')
  const prev = checkins.find((c) => c.userId === me.id && c.stationId === params.id && Date.now() - Date.parse(c.at) < 4 * 3600e3)
  if (prev) return send(res, 200, { checkin: prev, duplicate: true })
  const c = { id: id(), stationId: params.id, at: now().toISOString(), userId: me.id }
  checkins.push(c)
  send(res, 201, { checkin: { id: c.id, stationId: c.stationId, at: c.at }, duplicate: false })
})
route('GET', '/stats/checkins', async (req, res) => {
  const byKey = new Map()
  for (const c of checkins) {
    const k = `${shanghaiDay(c.at)}|${c.stationId}`
    const e = byKey.get(k) ?? { date: shanghaiDay(c.at), stationId: c.stationId, visits: 0, riders: new Set() }
    e.visits++
    e.riders.add(c.userId)
    byKey.set(k, e)
  }
  send(res, 200, { items: [...byKey.values()].map(({ riders, ...e }) => ({ ...e, uniqueRiders: riders.size })) })
})
route('POST', '/meetings', async (req, res, { body }) => {
  const m = { id: `m${meetings.length + 1}`, orgId: 'org-lgq', orgName: '卢沟桥街道总工会', location: null, host: null, ...body }
  meetings.unshift(m)
  send(res, 201, m)
})
route('GET', '/meetings', async (req, res) => send(res, 200, { items: meetings, nextCursor: null }))
route('GET', '/meetings/:id', async (req, res, { params }) => {
  const m = meetings.find((x) => x.id === params.id)
  return m ? send(res, 200, m) : fail(res, 404, 'NOT_FOUND', '没有这场沟通会')
})
route('POST', '/membership/applications', async (req, res, { body, me }) => {
  if (applications.some((a) => a.userId === me.id && a.status !== 'rejected')) return fail(res, 409, 'ALREADY_APPLIED', '已申请')
  const meeting = meetings.find((m) => m.id === body.meetingId)
  const a = { id: id(), userId: me.id, status: 'pending', submittedAt: now().toISOString(), orgId: 'org-lgq', orgName: meeting?.orgName ?? '卢沟桥街道总工会', meetingId: body.meetingId ?? null, ...body }
  applications.push(a)
  send(res, 201, { id: a.id, status: 'pending' })
})
route('GET', '/membership/me', async (req, res, { me }) => send(res, 200, membershipOf(me.id)))
route('GET', '/membership/applications', async (req, res, { query }) =>
  send(res, 200, { items: applications.filter((a) => !query.get('status') || a.status === query.get('status')).map(({ userId, consent, ...a }) => mask(a)), nextCursor: null }),
)
function approve(a) {
  if (!a) return { error: ['NOT_FOUND', '没有这条申请', 404] }
  if (a.status !== 'pending') return { error: ['CONFLICT', '申请已处理', 409] }
  a.status = 'approved'
  a.memberNo = `LGQ2026${String(++memberSeq).padStart(5, '0')}`
  a.reviewedAt = now().toISOString()
  return { memberNo: a.memberNo }
}
route('POST', '/membership/applications/approve', async (req, res, { body }) =>
  send(res, 200, {
    results: body.ids.map((i) => {
      const r = approve(applications.find((a) => a.id === i))
      return r.error ? { id: i, status: 'failed', error: { code: r.error[0], message: r.error[1] } } : { id: i, status: 'approved', memberNo: r.memberNo }
    }),
  }),
)
route('POST', '/membership/applications/:id/approve', async (req, res, { params }) => {
  const r = approve(applications.find((a) => a.id === params.id))
  return r.error ? fail(res, r.error[2], r.error[0], r.error[1]) : send(res, 200, { status: 'approved', memberNo: r.memberNo })
})
route('POST', '/membership/applications/:id/reject', async (req, res, { params, body }) => {
  const a = applications.find((x) => x.id === params.id)
  if (!a) return fail(res, 404, 'NOT_FOUND', '没有这条申请')
  if (a.status !== 'pending') return fail(res, 409, 'CONFLICT', '申请已处理')
  Object.assign(a, { status: 'rejected', rejectReason: body.reason })
  send(res, 200, { status: 'rejected' })
})
route('GET', '/stats/membership/daily', async (req, res) => {
  const days = new Map()
  for (const a of applications) {
    const d = days.get(shanghaiDay(a.submittedAt)) ?? { date: shanghaiDay(a.submittedAt), submitted: 0, approved: 0, rejected: 0, byPlatform: {} }
    d.submitted++
    if (a.status === 'approved') d.approved++
    if (a.status === 'rejected') d.rejected++
    d.byPlatform[a.platform] = (d.byPlatform[a.platform] ?? 0) + 1
    days.set(d.date, d)
  }
  send(res, 200, { items: [...days.values()] })
})
route('POST', '/activities', async (req, res, { body }) => {
  const a = { id: `a${activities.length + 1}`, orgId: 'org-lgq', stamps: 1, description: null, ...body }
  activities.unshift(a)
  send(res, 201, a)
})
route('GET', '/activities', async (req, res) => send(res, 200, { items: activities, nextCursor: null }))
route('GET', '/activities/:id', async (req, res, { params }) => {
  const a = activities.find((x) => x.id === params.id)
  return a ? send(res, 200, a) : fail(res, 404, 'NOT_FOUND', '没有这个活动')
})
route('GET', '/activities/:id/checkin-token', async (req, res, { params }) => {
  const step = Math.floor(Date.now() / 30000)
  send(res, 200, { token: tokenFor(params.id, step), expiresAt: new Date((step + 1) * 30000).toISOString() })
})
route('POST', '/activities/:id/checkins', async (req, res, { params, body, me }) => {
  const a = activities.find((x) => x.id === params.id)
  if (!a) return fail(res, 404, 'NOT_FOUND', '没有这个活动')
  const step = Math.floor(Date.now() / 30000)
  const steps = Array.from({ length: 40 }, (_, i) => step - i)
  const at = steps.find((s) => tokenFor(a.id, s) === body.token)
  if (at === undefined) return fail(res, 422, 'INVALID_CODE', '签到码无效')
  if (step - at > 1) return fail(res, 410, 'CODE_EXPIRED', '签到码已过期')
  const dup = ledger.find((l) => l.userId === me.id && l.activityId === a.id)
  if (dup) return send(res, 200, { duplicate: true, balance: stampsOf(me.id).balance })
  const stamp = { id: id(), userId: me.id, activityId: a.id, source: 'activity', title: a.title, amount: a.stamps, awardedAt: now().toISOString() }
  ledger.push(stamp)
  send(res, 201, { stamp: { id: stamp.id, amount: stamp.amount, awardedAt: stamp.awardedAt }, balance: stampsOf(me.id).balance, duplicate: false })
})
route('GET', '/stamps/me', async (req, res, { me }) => send(res, 200, stampsOf(me.id)))
route('POST', '/reports', async (req, res, { me }) => {
  const r = { id: id(), userId: me.id, status: 'pending', category: 'safety_hazard', description: '（随手拍）', lat: 39.86, lng: 116.28, createdAt: now().toISOString() }
  reports.unshift(r)
  send(res, 201, { id: r.id, status: 'pending' })
})
route('GET', '/reports/me', async (req, res, { me }) => send(res, 200, { items: reports.filter((r) => r.userId === me.id), nextCursor: null }))
route('GET', '/reports', async (req, res, { query }) => send(res, 200, { items: reports.filter((r) => !query.get('status') || r.status === query.get('status')), nextCursor: null }))
route('GET', '/rewards', async (req, res, { query }) => send(res, 200, { items: rewards.filter((r) => !query.get('stationId') || r.stationId === query.get('stationId')) }), { auth: false })
route('POST', '/redemptions', async (req, res, { body, me }) => {
  const reward = rewards.find((r) => r.id === body.rewardId && r.stationId === body.stationId)
  if (!reward) return fail(res, 404, 'NOT_FOUND', '没有这个礼品')
  if (stampsOf(me.id).balance < reward.cost) return fail(res, 422, 'INSUFFICIENT_STAMPS', '印章不足')
  if (reward.stock <= 0) return fail(res, 409, 'OUT_OF_STOCK', '无库存')
  const r = { id: id(), code: crypto.randomBytes(6).toString('hex').toUpperCase(), userId: me.id, stationId: reward.stationId, rewardId: reward.id, expiresAt: new Date(Date.now() + 10 * 60e3).toISOString(), fulfilledAt: null }
  redemptions.push(r)
  send(res, 201, { id: r.id, code: r.code, expiresAt: r.expiresAt })
})
route('POST', '/redemptions/fulfill', async (req, res, { body }) => {
  const r = redemptions.find((x) => x.code === body.code)
  if (!r) return fail(res, 422, 'INVALID_CODE', '兑换码无效')
  if (r.fulfilledAt) return fail(res, 409, 'ALREADY_FULFILLED', '已核销')
  if (Date.parse(r.expiresAt) < Date.now()) return fail(res, 410, 'CODE_EXPIRED', '已过期')
  r.fulfilledAt = now().toISOString()
  rewards.find((w) => w.id === r.rewardId).stock--
  send(res, 200, { redemption: { id: r.id, status: 'fulfilled' }, balanceAfter: stampsOf(r.userId).balance })
})
// Test hook: give the signed-in user stamps (not part of the contract).
route('POST', '/__stub/stamps', async (req, res, { me, body }) => {
  for (let i = 0; i < (body.count ?? 1); i++) ledger.push({ id: id(), userId: me.id, source: i % 2 ? 'report' : 'activity', title: i % 2 ? '随手拍：路口井盖破损' : '创城志愿服务 · 清理小广告', amount: 1, awardedAt: new Date(Date.now() - i * 86400e3).toISOString() })
  send(res, 200, stampsOf(me.id))
})

// ---------- server ----------
async function proxy(req, res) {
  const body = ['GET', 'HEAD'].includes(req.method) ? undefined : await readBody(req)
  const headers = { ...req.headers }
  delete headers.host
  delete headers['content-length']
  const r = await fetch(`${REAL_API}${req.url}`, { method: req.method, headers, body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body) })
  res.writeHead(r.status, Object.fromEntries([...r.headers].filter(([k]) => !['content-encoding', 'transfer-encoding', 'content-length'].includes(k))))
  res.end(Buffer.from(await r.arrayBuffer()))
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' }
function serveStatic(req, res) {
  const rel = decodeURIComponent(req.url.split('?')[0]).replace(/^\/+/, '') || 'index.html'
  const file = path.join(H5, rel)
  if (!file.startsWith(H5) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return fail(res, 404, 'NOT_FOUND', 'not found')
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
  fs.createReadStream(file).pipe(res)
}

http
  .createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x')
      if (!url.pathname.startsWith('/api/')) return serveStatic(req, res)
      for (const r of routes) {
        const m = r.method === req.method && r.re.exec(url.pathname)
        if (!m) continue
        const me = await whoAmI(req)
        if (r.auth && !me) return fail(res, 401, 'UNAUTHENTICATED', '请先登录')
        const body = ['POST', 'PATCH', 'DELETE'].includes(req.method) ? await readBody(req) : {}
        return await r.handler(req, res, { params: m.groups ?? {}, query: url.searchParams, body, me, host: req.headers.host })
      }
      return await proxy(req, res)
    } catch (err) {
      console.error(err)
      fail(res, 503, 'UNAVAILABLE', String(err))
    }
  })
  .listen(PORT, '127.0.0.1', () => console.log(`stub API + H5 on http://127.0.0.1:${PORT} (real API ${REAL_API})`))
