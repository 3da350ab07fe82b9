import zlib from 'node:zlib';
import { createApiClient, createEndpoints, createFetchTransport, memoryTokenStore, toStoredTokens, type Endpoints } from '@xfqs/api-client';

/**
 * The real API as one dev-login user, through the same typed client the app uses: for what the
 * journeys need behind the scenes (a station's posted code, a rider's earlier stamps), never to
 * write the database directly.
 */
export async function apiAs(baseUrl: string, openid: string): Promise<Endpoints> {
  const tokens = memoryTokenStore();
  const client = createApiClient({ baseUrl: `${baseUrl}/api/v1`, transport: createFetchTransport(), tokens });
  const api = createEndpoints(client);
  tokens.set(toStoredTokens(await api.auth.dev({ openid })));
  return api;
}

/** A small valid PNG (a solid colour), standing in for a phone photo of a 随手拍 report. */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from(rgb))]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
