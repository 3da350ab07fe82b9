import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Where report photos live. Local folder now; an S3-compatible store can implement the same two
 * methods later. Keys are made by the server (`reports/2026/11/<id>.jpg`), never by a client.
 */
export interface PhotoStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The photo, or undefined when there is none under that key. */
  get(key: string): Promise<{ data: Buffer; contentType: string } | undefined>;
}

const KEY = /^[a-z0-9]+(?:\/[a-z0-9-]+)*\.(jpg|png|webp)$/;
const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** Files under one folder (`<DATA_DIR>/uploads`); writes go through a temp file and a rename. */
export class LocalPhotoStore implements PhotoStore {
  constructor(private readonly root: string) {}

  private fileOf(key: string): { file: string; contentType: string } {
    const match = KEY.exec(key);
    if (!match) throw new Error(`invalid photo key ${key}`);
    return { file: path.join(this.root, ...key.split('/')), contentType: TYPES[match[1]] };
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const { file, contentType: expected } = this.fileOf(key);
    if (contentType !== expected) throw new Error(`photo key ${key} does not match ${contentType}`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temp, data, { mode: 0o640 });
    await fs.rename(temp, file);
  }

  async get(key: string): Promise<{ data: Buffer; contentType: string } | undefined> {
    const { file, contentType } = this.fileOf(key);
    try {
      return { data: await fs.readFile(file), contentType };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}

export const photoExtension = (contentType: string) => Object.keys(TYPES).find((ext) => TYPES[ext] === contentType) as string;
