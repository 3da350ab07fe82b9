import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface S3Emulator {
  endpoint: string;
  bucket: string;
  /** The S3_* settings for an API instance using this emulator. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** An S3-compatible emulator (s3rver, from npm) on a free port with one empty bucket, files in a temp folder. */
export async function startS3Emulator(bucket = 'xfqs-photos'): Promise<S3Emulator> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: { S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' },
    stop: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
