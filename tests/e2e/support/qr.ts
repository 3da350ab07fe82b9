import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Locator } from 'playwright-core';

/**
 * Reads the QR code inside `locator` the way a phone camera would: from a screenshot of what is on
 * the screen, not from the page's data. Throws when no code can be read.
 */
export async function scanQr(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'visible' });
  const png = PNG.sync.read(await locator.screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!found?.data) throw new Error('no readable QR code on screen');
  return found.data;
}
