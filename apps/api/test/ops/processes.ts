import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../../..');

/**
 * A port the OS just handed out, for a server process a test starts. Never a fixed number: test
 * projects run side by side (the deploy project holds its own ports), and CI caught a fixed range
 * here colliding with the deployment's API ports.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** Resolves with the exit code (or 128 + signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `apps/api/src/server.ts` (or `scripts/start.mjs` with `wrapper`) as a real process. */
export function startServer(env: Record<string, string>, options: { wrapper?: boolean } = {}): ServerProcess {
  const port = Number(env.PORT);
  const args = options.wrapper
    ? [path.join(ROOT, 'scripts/start.mjs')]
    : ['--import', 'tsx', path.join(ROOT, 'apps/api/src/server.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'info', SKIP_H5_BUILD: '1', HOST: '127.0.0.1', H5_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, port, output: () => out, exited };
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export function request(
  port: number,
  method: string,
  urlPath: string,
  options: { body?: unknown; headers?: Record<string, string>; agent?: http.Agent; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 10000,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          if (String(res.headers['content-type'] ?? '').includes('json')) body = JSON.parse(text);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Polls `/readyz` until it answers 200 (or the process exits / the deadline passes). */
export async function waitReady(server: ServerProcess, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server on ${server.port} exited before ready:\n${server.output()}`);
    try {
      const res = await request(server.port, 'GET', '/readyz', { timeoutMs: 1000 });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${server.port} not ready in ${timeoutMs} ms:\n${server.output()}`);
}

/** Waits for the process to exit and fails with its output when the exit code is not the expected one. */
export async function expectExit(server: ServerProcess, code: number): Promise<{ code: number | null; at: number }> {
  const exit = await server.exited;
  if (exit.code !== code) throw new Error(`expected exit code ${code}, got ${exit.code} (signal ${exit.signal}); its output:\n${server.output()}`);
  return exit;
}

/** Kills a server process started by a test if it is still running (test cleanup). */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}
