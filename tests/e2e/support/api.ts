import { rgbPng } from '../../../packages/db/src/seed/png';
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
  return rgbPng(width, height, () => rgb);
}
