import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import qrcode from 'qrcode-generator';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';

/**
 * A fake phone camera for Chromium: a video file showing one QR code, played in a loop as the
 * camera's picture (`--use-file-for-fake-video-capture`). Chromium reads Y4M (YUV 4:2:0) files, so
 * the QR code is drawn straight into the luma plane, black modules on white paper with a grey
 * table around it, the way a phone held over a printed code sees it.
 */
export function qrVideoFile(text: string, { width = 640, height = 480, frames = 3 } = {}): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const modules = qr.getModuleCount();
  const cell = Math.floor((Math.min(width, height) * 0.7) / (modules + 8));
  const size = cell * (modules + 8);
  const left = Math.floor((width - size) / 2);
  const top = Math.floor((height - size) / 2);
  const luma = Buffer.alloc(width * height, 90);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / cell) - 4;
      const col = Math.floor(x / cell) - 4;
      const dark = row >= 0 && col >= 0 && row < modules && col < modules && qr.isDark(row, col);
      luma[(top + y) * width + left + x] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-camera-')), 'qr.y4m');
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
  return file;
}

/**
 * A Chromium whose camera shows a QR code carrying `text`. Close it when done (the video file
 * goes with it).
 */
export async function browserWithCameraOn(text: string): Promise<{ browser: Browser; close(): Promise<void> }> {
  const file = qrVideoFile(text);
  const browser = await launchBrowser({ extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`] });
  return {
    browser,
    close: async () => {
      await browser.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}
