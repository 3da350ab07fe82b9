import path from 'node:path';
import type { ShowcasePorts } from '@xfqs/db';
import type { AppConfig } from './config';
import { sealPii } from './features/membership/applications';
import { LocalPhotoStore } from './features/stamps/photo-store';
import { createPiiCipher } from './pii';

/**
 * How the demo seed's week of life (packages/db seed/showcase.ts) seals personal data and stores
 * 随手拍 photos: the same cipher and photo folder the running server uses, so what it seeds reads
 * back through the API like anything a rider submitted.
 */
export function demoShowcasePorts(config: AppConfig): ShowcasePorts {
  const cipher = createPiiCipher(config.pii);
  const photos = new LocalPhotoStore(path.join(config.dataDir, 'uploads'));
  return {
    sealApplicationPii: (id, pii) => sealPii(cipher, id, pii),
    putPhoto: (key, data, contentType) => photos.put(key, data, contentType),
  };
}
