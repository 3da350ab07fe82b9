import { Readable } from 'node:stream';
import { publicSearchPath } from './backup';

const EMPTY = "SELECT pg_catalog.set_config('search_path', '', false);";
const PUBLIC = "SELECT pg_catalog.set_config('search_path', 'public', false);";

/** A dump as pg_restore writes it: the search_path in its head, then rows with Chinese text well past the first 64 KiB. */
function fakeDump(): string {
  const rows = Array.from({ length: 3000 }, (_, i) => `${i}\t骑手${i}号\t北京市丰台区卢沟桥街道${'暖心驿站'.repeat(i % 5)}\t\\N`);
  return ['--', '-- PostgreSQL database dump', '--', EMPTY, "SET client_encoding = 'UTF8';", 'COPY public.users (id, nickname, address, phone) FROM stdin;', ...rows, '\\.', ''].join('\n');
}

async function throughTransform(bytes: Buffer, chunkSizes: (index: number) => number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, chunkSizes(i));
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  const out: Buffer[] = [];
  for await (const piece of Readable.from(chunks, { objectMode: false }).pipe(publicSearchPath())) out.push(piece as Buffer);
  return Buffer.concat(out);
}

describe('publicSearchPath (pnpm db:restore on PostgreSQL)', () => {
  const dump = fakeDump();
  const bytes = Buffer.from(dump, 'utf8');
  const expected = Buffer.from(dump.split(EMPTY).join(PUBLIC), 'utf8');

  it('sets the search_path to public and passes every byte of the data unchanged, however the reads are cut', async () => {
    expect(bytes.length).toBeGreaterThan(3 * 64 * 1024);
    // whole, one byte at a time near the head's end, pipe-sized reads, and odd sizes that cut characters (3 bytes each in UTF-8)
    const cuts: Array<(i: number) => number> = [() => bytes.length, () => 65_536, () => 65_537, () => 4_096, () => 1_000, (i) => [7, 65_533, 2, 1, 4_097][i % 5], (i) => 1 + ((i * 7919) % 9_973)];
    for (const cut of cuts) {
      const out = await throughTransform(bytes, cut);
      expect(out.equals(expected)).toBe(true);
    }
  });

  it('a dump shorter than the head is rewritten whole at its end', async () => {
    const short = `${EMPTY}\nCOPY public.users FROM stdin;\n1\t骑手\n\\.\n`;
    const out = await throughTransform(Buffer.from(short, 'utf8'), () => 5);
    expect(out.toString('utf8')).toBe(short.replace(EMPTY, PUBLIC));
  });
});
