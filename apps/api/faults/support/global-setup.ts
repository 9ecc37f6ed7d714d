/* Jest globalSetup for the fault suites: the built apps and both services must be there. */
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..', '..', '..');

export default async function globalSetup(): Promise<void> {
  for (const file of ['dist/apps/api/main.js', 'dist/apps/worker/main.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: build first (npx nx run-many -t build --projects=api,worker), or run npm run test:faults`);
  }
  const adminUrl = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: 3000,
  });
  try {
    await admin.connect();
    await admin.end();
  } catch (error) {
    throw new Error(
      `Fault tests need Postgres: could not connect to ${adminUrl.replace(/:[^:@/]+@/, ':***@')} (${(error as Error).message}). Start it (DEVELOPERS.md) or set TEST_DATABASE_ADMIN_URL to a role that may CREATE DATABASE.`,
    );
  }
  const redis = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = connect({
      host: redis.hostname,
      port: Number(redis.port || 6379),
    });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
  if (!reachable) throw new Error(`Fault tests need Redis at ${redis.host}. Start it (DEVELOPERS.md) or set REDIS_URL.`);
}
