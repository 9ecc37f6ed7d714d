/* Jest globalSetup for integration suites: a fresh database and Redis key prefix per run. */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `quorum_test_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Integration tests need Postgres: could not connect to ${adminUrl.replace(/:[^:@/]+@/, ':***@')} (${(error as Error).message}). ` +
        'Start it (see DEVELOPERS.md) or set TEST_DATABASE_ADMIN_URL to a role that may CREATE DATABASE.',
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env['DATABASE_URL'] = url.toString();
  process.env['QUORUM_TEST_DATABASE'] = name;
  process.env['QUEUE_PREFIX'] = name;
  process.env['NODE_ENV'] = 'test';
  process.env['LOG_LEVEL'] = process.env['LOG_LEVEL'] ?? 'silent';
  process.env['REDIS_URL'] = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  // Suites register hundreds of organisations from one address; the limit itself has its own test.
  process.env['REGISTER_RATE_LIMIT_PER_IP'] = process.env['REGISTER_RATE_LIMIT_PER_IP'] ?? '1000000';
}
