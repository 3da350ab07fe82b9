import qrcode from 'qrcode-generator'

/**
 * A QR code as a GIF data URL, drawn entirely in JavaScript by qrcode-generator. The same code
 * runs on weapp and H5: no canvas, no DOM, no platform drawing API; `<Image src>` shows it on both.
 */
export function qrDataUrl(text: string, cellSize = 8, quietModules = 4): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  // qrcode-generator's margin is in pixels; the standard quiet zone is 4 modules.
  return qr.createDataURL(cellSize, cellSize * quietModules)
}

/** Modules per side (21 for version 1 …): more content, denser code. */
export function qrModuleCount(text: string): number {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.getModuleCount()
}
