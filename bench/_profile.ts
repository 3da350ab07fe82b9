/**
 * CPU profiles of this process around one benchmark step (the V8 sampling profiler through the
 * inspector, the same profile `node --cpu-prof` writes), saved as `<dir>/<name>.cpuprofile` (open
 * it in Chrome DevTools or speedscope) and summarised as the functions and packages with the most
 * self time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileSummary {
  file: string;
  /** Sampled milliseconds in total. */
  totalMs: number;
  /** Functions by self time: `name (file:line)` and its share of all samples, in %. */
  topFunctions: Array<{ fn: string; selfPct: number }>;
  /** Self time grouped by package (`node_modules` name), `app` (this repository), `node` internals, GC, idle. */
  byPackage: Array<{ pkg: string; selfPct: number }>;
}

const root = path.resolve(__dirname, '..');

function packageOf(url: string): string {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return 'node';
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url.slice(url.lastIndexOf('node_modules/.pnpm/') >= 0 ? url.lastIndexOf('node_modules/.pnpm/') : 0));
  if (m) return m[1];
  return url.includes(root) ? 'app' : url;
}

function shortUrl(url: string): string {
  const i = url.lastIndexOf('node_modules/');
  if (i >= 0) return url.slice(i + 'node_modules/'.length);
  return url.replace(`file://${root}/`, '').replace(`${root}/`, '');
}

export function summarise(profile: CpuProfile, file: string, top = 15): ProfileSummary {
  const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0) || 1;
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const special = functionName.startsWith('(') && !url;
    const key = special ? functionName : `${functionName || '(anonymous)'} (${shortUrl(url)}:${lineNumber + 1})`;
    byFn.set(key, (byFn.get(key) ?? 0) + hits);
    const pkg = special ? functionName : packageOf(url);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + hits);
  }
  const pct = (n: number) => Math.round((n / total) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    file,
    totalMs: Math.round((profile.endTime - profile.startTime) / 1000),
    topFunctions: sorted(byFn).slice(0, top).map(([fn, n]) => ({ fn, selfPct: pct(n) })),
    byPackage: sorted(byPkg).slice(0, top).map(([pkg, n]) => ({ pkg, selfPct: pct(n) })),
  };
}

/** Starts the profiler; the returned function stops it, writes the profile and returns its summary. */
export async function startProfile(dir: string, name: string): Promise<() => Promise<ProfileSummary>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    return summarise(profile, path.relative(root, file));
  };
}
