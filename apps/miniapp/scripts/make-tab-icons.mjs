// Draws the four tab-bar icons (grey and union red) as 81×81 PNGs from inline SVG.
// Run once with `node apps/miniapp/scripts/make-tab-icons.mjs`; uses the workspace's sharp (from apps/api).
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(path.join(here, '../../api/package.json'))
const sharp = require('sharp')

const ICONS = {
  home: '<path d="M12 40 L40 16 L68 40" fill="none" stroke="@" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/><path d="M20 36 V66 H60 V36" fill="none" stroke="@" stroke-width="6" stroke-linejoin="round"/><rect x="34" y="46" width="12" height="20" fill="@"/>',
  stations: '<path d="M40 70 C40 70 16 46 16 30 A24 24 0 0 1 64 30 C64 46 40 70 40 70 Z" fill="none" stroke="@" stroke-width="6" stroke-linejoin="round"/><circle cx="40" cy="30" r="9" fill="@"/>',
  handbook: '<path d="M14 18 H36 A6 6 0 0 1 40 22 V66 A6 6 0 0 0 34 62 H14 Z M66 18 H44 A6 6 0 0 0 40 22 V66 A6 6 0 0 1 46 62 H66 Z" fill="none" stroke="@" stroke-width="6" stroke-linejoin="round"/>',
  me: '<circle cx="40" cy="28" r="13" fill="none" stroke="@" stroke-width="6"/><path d="M14 68 C16 52 26 46 40 46 C54 46 64 52 66 68" fill="none" stroke="@" stroke-width="6" stroke-linecap="round"/>',
}

for (const [name, body] of Object.entries(ICONS)) {
  for (const [suffix, color] of [['', '#8C8C8C'], ['-active', '#D7000F']]) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80">${body.replaceAll("@", color)}</svg>`
    await sharp(Buffer.from(svg)).png().toFile(path.join(here, `../src/assets/tab/${name}${suffix}.png`))
  }
}
// Map marker for stations (weapp <Map> needs an image).
const pin = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="72" viewBox="0 0 60 72"><path d="M30 70 C30 70 4 44 4 27 A26 26 0 0 1 56 27 C56 44 30 70 30 70 Z" fill="#D7000F" stroke="#fff" stroke-width="3"/><circle cx="30" cy="27" r="10" fill="#fff"/></svg>'
await sharp(Buffer.from(pin)).png().toFile(path.join(here, '../src/assets/marker.png'))
console.log('tab icons and marker written')
