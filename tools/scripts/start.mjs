#!/usr/bin/env node
// `npm start`: install if needed, find Postgres and Redis (or start them with Docker Compose),
// build, migrate, seed the demo world, then serve API + web on one port with the worker running.
import { spawn, spawnSync } from 'node:child_process';
import { die, dockerAvailable, ensureDependencies, postgresClient, redisReachable, ROOT, run, say, TOOL_ENV, waitFor } from './lib.mjs';

let databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/quorum';
/** What docker-compose.yml's Postgres accepts (password auth). */
const COMPOSE_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/quorum';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const port = process.env.PORT ?? '3000';
const masked = (url) => url.replace(/:[^:@/]+@/, ':***@');

async function postgresUp() {
  const server = new URL(databaseUrl);
  server.pathname = '/postgres';
  try {
    const client = await postgresClient(server.toString());
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Creates the application database on first start. */
async function ensureDatabase() {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const server = new URL(databaseUrl);
  server.pathname = '/postgres';
  const client = await postgresClient(server.toString());
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      if (!/^[A-Za-z0-9_]+$/.test(name)) die(`Database name "${name}" must be letters, digits and underscores`);
      await client.query(`CREATE DATABASE ${name}`);
      console.log(`Created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

async function ensureServices() {
  say('finding Postgres and Redis');
  let pgUp = await postgresUp();
  let redisUp = await redisReachable(redisUrl);
  if ((!pgUp || !redisUp) && dockerAvailable()) {
    console.log('Starting Postgres and Redis with Docker Compose…');
    const r = spawnSync('docker', ['compose', 'up', '-d', 'postgres', 'redis'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) die('docker compose up failed');
    if (!process.env.DATABASE_URL) databaseUrl = COMPOSE_DATABASE_URL;
    await waitFor(postgresUp, 60_000, 'Postgres');
    await waitFor(() => redisReachable(redisUrl), 30_000, 'Redis');
    pgUp = redisUp = true;
  }
  if (!pgUp || !redisUp) {
    die(
      [
        !pgUp ? `Postgres is not reachable at ${masked(databaseUrl)}.` : '',
        !redisUp ? `Redis is not reachable at ${redisUrl}.` : '',
        'Start them (see DEVELOPERS.md), set DATABASE_URL / REDIS_URL, or install Docker so `npm start` can run `docker compose up -d postgres redis`.',
      ].filter(Boolean).join('\n'),
    );
  }
  await ensureDatabase();
  console.log(`Postgres ${masked(databaseUrl)}, Redis ${redisUrl}`);
}

async function main() {
  ensureDependencies();
  await ensureServices();
  const env = { NODE_ENV: process.env.NODE_ENV ?? 'development', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: port };

  say('building api, worker and web (cached when unchanged)');
  if ((await run('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,worker,web', '--output-style=static'])).status !== 0) die('build failed');

  say('migrating');
  if ((await run('node', ['dist/apps/api/migrate.js', 'up'], env)).status !== 0) die('migration failed');
  say('seeding the demo world');
  if ((await run('node', ['dist/apps/api/seed.js'], env)).status !== 0) die('seed failed');

  say('starting');
  const children = [
    spawn('node', ['dist/apps/api/main.js'], { cwd: ROOT, env: { ...process.env, ...TOOL_ENV, ...env, RUN_MIGRATIONS_ON_BOOT: 'false' }, stdio: 'inherit' }),
    spawn('node', ['dist/apps/worker/main.js'], { cwd: ROOT, env: { ...process.env, ...TOOL_ENV, ...env }, stdio: 'inherit' }),
  ];
  const stop = (signal) => {
    for (const child of children) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  for (const child of children) {
    child.on('exit', (code) => {
      if (code && code !== 0) {
        console.error(`A Quorum process exited with code ${code}; stopping.`);
        stop('SIGTERM');
        process.exitCode = code;
      }
    });
  }
  await waitFor(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
    } catch {
      return false;
    }
  }, 60_000, 'the API');
  console.log(`\nQuorum is running: http://localhost:${port}   (API docs: http://localhost:${port}/api/docs)\nDemo logins are listed above. Ctrl+C stops it.`);
}

main().catch((error) => die(error.stack ?? String(error)));
