#!/usr/bin/env node
// Part of `pnpm install`, so that the first `pnpm start` has nothing slow left to do: makes the
// embedded database template (a migrated, empty PGlite database; see packages/db pglite-template.ts)
// and builds the H5 app, each only when missing or stale. SKIP_H5_BUILD=1 skips the H5 build
// (e.g. a machine that only runs the API). Neither failure fails the install: `pnpm start` copes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildH5InBackground, h5IsStale } from './ensure-h5.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const installed = (pkg) => fs.existsSync(path.join(root, 'node_modules', pkg));

if (installed('tsx') && fs.existsSync(path.join(root, 'packages/db/node_modules/@electric-sql/pglite'))) {
  const template = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'packages/db/src/cli.ts'), 'template'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } });
  if (template.status !== 0) console.warn('(no embedded database template: the first `pnpm start` takes longer)');
}

if (process.env.SKIP_H5_BUILD !== '1' && fs.existsSync(path.join(root, 'apps/miniapp/node_modules')) && h5IsStale()) {
  await buildH5InBackground({ label: 'building the H5 app once, so `pnpm start` is quick' }).done;
}
