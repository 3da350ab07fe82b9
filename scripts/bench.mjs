#!/usr/bin/env node
// `pnpm bench <name> [args]` runs bench/<name>.ts and prints its figures; `pnpm bench` lists them.
// Benchmarks measure; they are never part of `pnpm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'bench');
const available = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: pnpm bench <name> [args]\navailable: ${available.join(', ') || '(none yet)'}`);
  process.exit(name ? 2 : 0);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`), ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
