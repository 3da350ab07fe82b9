#!/usr/bin/env node
// A local S3-compatible store for scripts/deploy-local.sh and CI (s3rver from npm; production uses
// a real one: MinIO, Ceph, a cloud's object storage). Usage: s3-emulator.mjs <port> <dir> <bucket>
import S3rver from 's3rver';

const [port, directory, bucket] = process.argv.slice(2);
const server = new S3rver({ address: '127.0.0.1', port: Number(port), silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
await server.run();
console.log(`s3 emulator on http://127.0.0.1:${port}, bucket ${bucket}`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close().then(() => process.exit(0)));
