// Shared helpers of `npm start` and `npm test`: finding the services, running steps.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOL_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NG_CLI_ANALYTICS: 'false', FORCE_COLOR: '0', NO_COLOR: '1' };

export const say = (msg) => console.log(`\n=== ${msg} (${new Date().toISOString().slice(11, 19)})`);
export const die = (msg) => {
  console.error(`\n✖ ${msg}`);
  process.exit(1);
};

export function ensureDependencies() {
  if (existsSync(join(ROOT, 'node_modules', '.bin', 'nx'))) return;
  say('installing dependencies (npm ci)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) die('npm ci failed');
}

/** Runs a command, streaming its output, and returns { status, output }. */
export function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...TOOL_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const tee = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (status) => resolve({ status: status ?? 1, output }));
  });
}

export function tcpReachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function redisReachable(url) {
  const { hostname, port } = new URL(url);
  return tcpReachable(hostname, Number(port || 6379));
}

export async function postgresClient(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  return client;
}

export function dockerAvailable() {
  return spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
}

export async function waitFor(check, timeoutMs, label) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  die(`${label} did not come up within ${timeoutMs / 1000}s`);
}

/** "Tests: 3 failed, 40 passed" lines from Jest and "12 passed (5s)" from Playwright, summed. */
export function countTests(output) {
  let passed = 0;
  let failed = 0;
  // Cached Nx output may replay colours.
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  for (const line of plain.split('\n')) {
    const jest = line.match(/^Tests:\s+(.*)$/);
    if (jest) {
      passed += Number(jest[1].match(/(\d+) passed/)?.[1] ?? 0);
      failed += Number(jest[1].match(/(\d+) failed/)?.[1] ?? 0);
    }
    const pwPassed = line.match(/^\s+(\d+) passed \(/);
    if (pwPassed) passed += Number(pwPassed[1]);
    const pwFailed = line.match(/^\s+(\d+) failed\s*$/);
    if (pwFailed) failed += Number(pwFailed[1]);
  }
  return { passed, failed };
}

/** Deletes the keys a test run left in Redis under its own prefix. */
export async function dropRedisKeys(url, pattern) {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (error) {
    console.warn(`could not clean Redis keys ${pattern}: ${error.message}`);
  } finally {
    redis.disconnect();
  }
}
