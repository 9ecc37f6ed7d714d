/**
 * Starts the built API and worker on a database created for the benchmark, and drops it after.
 * Build first: `npx nx run-many -t build --projects=api,worker`.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  adminPassword: string;
  stop: () => Promise<void>;
  rss: () => Record<string, number>;
  /** Process ids of the API and the worker (for {@link sampleRss}). */
  pids: () => Record<string, number | undefined>;
}

export async function startStack(preferredPort = 3490): Promise<Stack> {
  // Other runs on this shared machine use the same fixed ports: an API that cannot listen must not
  // leave the bench talking to someone else's.
  const port = await freePort(preferredPort);
  const adminUrl = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `quorum_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const adminPassword = 'bench-admin-password';
  const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: url.toString(), QUEUE_PREFIX: name, PORT: String(port), HOST: '127.0.0.1', QUORUM_ADMIN_PASSWORD: adminPassword };
  const migrate = spawnSync('node', ['dist/apps/api/migrate.js', 'up'], { cwd: ROOT, env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);
  const seed = spawnSync('node', ['dist/apps/api/seed.js'], { cwd: ROOT, env, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);
  const children: ChildProcess[] = [
    spawn('node', ['dist/apps/api/main.js'], { cwd: ROOT, env, stdio: 'inherit' }),
    spawn('node', ['dist/apps/worker/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] }),
  ];
  const baseUrl = `http://127.0.0.1:${port}`;
  let apiExit: string | undefined;
  children[0].once('exit', (code, signal) => (apiExit = `code ${code ?? signal}`));
  const stop = async () => {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    // The run's queues and rate-limit counters live under its own prefix.
    spawnSync('sh', ['-c', `redis-cli --scan --pattern '${name}:*' | xargs -r -n 500 redis-cli del > /dev/null`]);
  };
  let healthy = false;
  for (let i = 0; i < 300 && !healthy && !apiExit; i++) {
    try {
      healthy = (await fetch(`${baseUrl}/health`)).ok;
    } catch {
      // not up yet
    }
    if (!healthy) await new Promise((r) => setTimeout(r, 100));
  }
  if (!healthy || apiExit) {
    await stop();
    throw new Error(apiExit ? `the API exited during startup (${apiExit})` : 'the API did not become healthy in 30 s');
  }
  return {
    baseUrl,
    databaseUrl: url.toString(),
    adminPassword,
    rss: () => Object.fromEntries(children.map((c, i) => [i === 0 ? 'api' : 'worker', rssOf(c.pid)])),
    pids: () => ({ api: children[0].pid, worker: children[1].pid }),
    stop,
  };
}

/** The preferred port if it is free, else one the OS picks. */
async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}

function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  const out = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  return Math.round(Number(out.stdout.trim() || 0) / 1024);
}

/**
 * Peak RSS (MB) of the stack's processes over a run: samples /proc every `intervalMs` without blocking
 * the event loop (stack.rss() spawns `ps`, which would stall a load generator). Also takes any
 * { name: pid } map, e.g. a comparison server the bench started itself.
 *   const rss = sampleRss(stack); ...run...; const { api, worker } = rss.stop();
 */
export function sampleRss(target: Pick<Stack, 'pids'> | Record<string, number | undefined>, intervalMs = 200): { stop: () => Record<string, number> } {
  const pids = typeof target.pids === 'function' ? (target as Pick<Stack, 'pids'>).pids() : (target as Record<string, number | undefined>);
  const peak: Record<string, number> = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    await Promise.all(
      Object.entries(pids).map(async ([name, pid]) => {
        if (!pid) return;
        try {
          const kb = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
          peak[name] = Math.max(peak[name], Math.round(kb / 1024));
        } catch {
          // the process has exited: keep what was seen
        }
      }),
    );
    busy = false;
  };
  void sample();
  const timer = setInterval(() => void sample(), intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return { ...peak };
    },
  };
}

export async function api<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
