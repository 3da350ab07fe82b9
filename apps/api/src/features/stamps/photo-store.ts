import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, S3Client, NoSuchKey } from '@aws-sdk/client-s3';

/**
 * Where report photos live: a local folder (one instance), or an S3-compatible object store that
 * every instance shares (`S3_*` settings). Keys are made by the server (`reports/2026/11/<id>.jpg`),
 * never by a client.
 */
export interface PhotoStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The photo, or undefined when there is none under that key. */
  get(key: string): Promise<{ data: Buffer; contentType: string } | undefined>;
  close?(): void;
}

const KEY = /^[a-z0-9]+(?:\/[a-z0-9-]+)*\.(jpg|png|webp)$/;
const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** Files under one folder (`<DATA_DIR>/uploads`); writes go through a temp file and a rename. */
export class LocalPhotoStore implements PhotoStore {
  constructor(private readonly root: string) {}

  private fileOf(key: string): { file: string; contentType: string } {
    const contentType = checkedType(key);
    return { file: path.join(this.root, ...key.split('/')), contentType };
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

function checkedType(key: string): string {
  const match = KEY.exec(key);
  if (!match) throw new Error(`invalid photo key ${key}`);
  return TYPES[match[1]];
}

export interface S3Settings {
  /** Unset: AWS itself; set (MinIO, Ceph, an emulator, a cloud's S3 API): path-style addressing. */
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** Objects in one bucket of an S3-compatible store, so a photo uploaded through one instance is served by every other. */
export class S3PhotoStore implements PhotoStore {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
      ...(settings.accessKeyId && settings.secretAccessKey
        ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
        : {}),
      maxAttempts: 3,
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    if (contentType !== checkedType(key)) throw new Error(`photo key ${key} does not match ${contentType}`);
    await this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: data, ContentType: contentType }));
  }

  async get(key: string): Promise<{ data: Buffer; contentType: string } | undefined> {
    const contentType = checkedType(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return { data: Buffer.from(await object.Body!.transformToByteArray()), contentType };
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  close(): void {
    this.client.destroy();
  }
}

export const photoExtension = (contentType: string) => Object.keys(TYPES).find((ext) => TYPES[ext] === contentType) as string;
