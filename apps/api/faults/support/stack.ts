/**
 * The built API and worker (dist/) as child processes on a database created for one fault suite,
 * with Postgres reached through a proxy the suite can cut. Everything it starts, it stops: the
 * children, the proxy, the database and the run's Redis keys.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client, Pool } from 'pg';
import { TcpProxy } from './tcp-proxy';

const ROOT = join(__dirname, '..', '..', '..', '..');
export const ADMIN_EMAIL = 'admin@quorum.local';
const ADMIN_PASSWORD = 'faults-admin-password';
const LOG_LINES = 300;

/** DROP DATABASE waits for a checkpoint, which takes minutes when others write a lot to the shared Postgres. */
export const CLEANUP_MS = 600_000;

/** Ports 3495–3499 belong to the fault suites. */
export const PORTS = { api: 3495, pgProxy: 3496, webhooks: 3497 } as const;

type Role = 'api' | 'worker';

class Child {
  private proc: ChildProcess | null = null;
  readonly log: string[] = [];
  exits: { code: number | null; signal: string | null }[] = [];

  constructor(
    readonly role: Role,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  start(): void {
    if (this.proc) throw new Error(`${this.role} is already running`);
    const proc = spawn(process.execPath, [`dist/apps/${this.role}/main.js`], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.log.push(line.slice(0, 2000));
      if (this.log.length > LOG_LINES) this.log.splice(0, this.log.length - LOG_LINES);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    proc.on('exit', (code, signal) => {
      this.exits.push({ code, signal });
      if (this.proc === proc) this.proc = null;
    });
    this.proc = proc;
  }

  /** Sends the signal and waits for the process to be gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    await gone;
    clearTimeout(timer);
  }

  killNow(): void {
    this.proc?.kill('SIGKILL');
  }
}

export interface StackOptions {
  /** Extra environment for both processes. */
  env?: Record<string, string>;
}

export class FaultStack {
  readonly api: Child;
  readonly worker: Child;
  readonly baseUrl = `http://127.0.0.1:${PORTS.api}`;
  /** Direct connections for the assertions (never through the proxy). */
  readonly db: Pool;
  readonly adminPassword = ADMIN_PASSWORD;

  private constructor(
    readonly name: string,
    readonly databaseUrl: string,
    readonly redisUrl: string,
    readonly pgProxy: TcpProxy,
    private readonly adminUrl: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.api = new Child('api', env);
    this.worker = new Child('worker', env);
    this.db = new Pool({ connectionString: databaseUrl, max: 4 });
  }

  static async start(options: StackOptions = {}): Promise<FaultStack> {
    for (const file of ['dist/apps/api/main.js', 'dist/apps/worker/main.js', 'dist/apps/api/migrate.js', 'dist/apps/api/seed.js']) {
      if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: build first (npx nx run-many -t build --projects=api,worker)`);
    }
    const adminUrl = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    const name = `quorum_faults_${randomBytes(5).toString('hex')}`;
    const admin = new Client({
      connectionString: adminUrl,
      connectionTimeoutMillis: 5000,
    });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const direct = new URL(adminUrl);
    direct.pathname = `/${name}`;
    const proxied = new URL(direct);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(PORTS.pgProxy);
    const pgProxy = new TcpProxy(PORTS.pgProxy, {
      host: direct.hostname,
      port: Number(direct.port || 5432),
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env['FAULTS_LOG_LEVEL'] ?? 'warn',
      DATABASE_URL: proxied.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: name,
      PORT: String(PORTS.api),
      HOST: '127.0.0.1',
      QUORUM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      ...options.env,
    };
    const stack = new FaultStack(name, direct.toString(), redisUrl, pgProxy, adminUrl, env);
    live.add(stack);
    try {
      await pgProxy.start();
      for (const script of ['migrate.js', 'seed.js']) {
        // Not spawnSync: the proxy lives on this process's event loop.
        await runScript(script, script === 'migrate.js' ? ['up'] : [], env);
      }
      stack.api.start();
      stack.worker.start();
      await stack.waitHealthy();
      await stack.waitWorkerReady();
    } catch (error) {
      await stack.close();
      throw error;
    }
    return stack;
  }

  /** Polls /health until 200. */
  async waitHealthy(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if (
          (
            await fetch(`${this.baseUrl}/health`, {
              signal: AbortSignal.timeout(3000),
            })
          ).ok
        )
          return;
      } catch {
        // not up yet
      }
      if (!this.api.running) throw new Error(`the API exited: ${this.api.log.slice(-20).join('\n')}`);
      if (Date.now() > deadline) throw new Error(`the API was not healthy within ${timeoutMs} ms: ${this.api.log.slice(-20).join('\n')}`);
      await sleep(100);
    }
  }

  /** The worker prints one line once every processor is attached. */
  async waitWorkerReady(timeoutMs = 30_000): Promise<void> {
    const from = this.worker.log.length;
    const deadline = Date.now() + timeoutMs;
    while (!this.worker.log.slice(Math.max(0, from - 50)).some((l) => l.includes('Quorum worker running'))) {
      if (!this.worker.running) throw new Error(`the worker exited: ${this.worker.log.slice(-20).join('\n')}`);
      if (Date.now() > deadline) throw new Error(`the worker did not start within ${timeoutMs} ms: ${this.worker.log.slice(-20).join('\n')}`);
      await sleep(100);
    }
  }

  async restartWorker(): Promise<void> {
    this.worker.log.length = 0;
    this.worker.start();
    await this.waitWorkerReady();
  }

  /** "Redis lost": every key of this run (queues, schedules, counters) deleted. Returns how many. */
  async deleteRedisKeys(): Promise<number> {
    const redis = new Redis(this.redisUrl, {
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    let deleted = 0;
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.name}:*`, 'COUNT', 1000);
        if (keys.length) deleted += await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    return deleted;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  /** The last lines each process printed, for a failing test's message. */
  logs(lines = 40): string {
    return `--- api ---\n${this.api.log.slice(-lines).join('\n')}\n--- worker ---\n${this.worker.log.slice(-lines).join('\n')}`;
  }

  /** Runs a scenario; when it fails, prints the processes' last lines and the queue state before rethrowing. */
  async diagnosed(scenario: () => Promise<void>): Promise<void> {
    try {
      await scenario();
    } catch (error) {
      const outbox = await this.query(
        `SELECT job_name, count(*) FILTER (WHERE processed_at IS NULL)::int AS pending, max(attempts)::int AS max_attempts,
                min(published_at) FILTER (WHERE processed_at IS NULL) AS oldest_pending_published FROM outbox GROUP BY job_name`,
      ).catch((e) => String(e));
      const jobs = await this.queueState().catch((e) => String(e));
      console.log(`${this.logs()}\n--- outbox ---\n${JSON.stringify(outbox)}\n--- BullMQ jobs of pending outbox rows ---\n${JSON.stringify(jobs)}`);
      throw error;
    }
  }

  /** Where the BullMQ jobs of unprocessed outbox rows are (their id is the outbox id). */
  async queueState(): Promise<unknown[]> {
    const rows = await this.query<{ id: string; queue: string }>(`SELECT id, queue FROM outbox WHERE processed_at IS NULL ORDER BY created_at LIMIT 5`);
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const out: unknown[] = [];
      for (const { id, queue } of rows) {
        const key = `${this.name}:${queue}`;
        const hash = await redis.hgetall(`${key}:${id}`);
        const where = [];
        for (const set of ['failed', 'completed', 'delayed', 'prioritized']) if ((await redis.zscore(`${key}:${set}`, id)) !== null) where.push(set);
        for (const list of ['wait', 'active', 'paused']) if ((await redis.lpos(`${key}:${list}`, id)) !== null) where.push(list);
        if (await redis.sismember(`${key}:stalled`, id)) where.push('stalled-set');
        out.push({ id, queue, where, lock: await redis.exists(`${key}:${id}:lock`), attemptsMade: hash['attemptsMade'], stc: hash['stc'], failedReason: hash['failedReason'], processedOn: hash['processedOn'] });
      }
      return out;
    } finally {
      redis.disconnect();
    }
  }

  async close(): Promise<void> {
    live.delete(this);
    await Promise.all([this.api.stop('SIGTERM', 5000), this.worker.stop('SIGTERM', 5000)]);
    await this.pgProxy.close();
    await this.db.end().catch(() => undefined);
    const admin = new Client({ connectionString: this.adminUrl });
    try {
      await admin.connect();
      const started = Date.now();
      await admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
      if (Date.now() - started > 10_000) console.log(`DROP DATABASE ${this.name} took ${Math.round((Date.now() - started) / 1000)} s`);
    } finally {
      await admin.end();
    }
    await this.deleteRedisKeys();
  }
}

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`dist/apps/api/${script}`, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} failed (${code}): ${output.slice(-2000)}`))));
  });
}

/** Children must not outlive the test process, even when it is interrupted. */
const live = new Set<FaultStack>();
process.once('exit', () => {
  for (const stack of live) {
    stack.api.killNow();
    stack.worker.killNow();
  }
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns something truthy; fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
