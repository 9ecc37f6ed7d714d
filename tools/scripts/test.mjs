#!/usr/bin/env node
// `npm test`: lint, type-check, build, unit, integration and e2e tests against the real Postgres and
// Redis. Integration and e2e runs each create their own database and drop it afterwards.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { countTests, die, dropRedisKeys, ensureDependencies, postgresClient, redisReachable, run, say } from './lib.mjs';

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const masked = (url) => url.replace(/:[^:@/]+@/, ':***@');

function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    say('installing Chromium from Debian (apt-get install -y chromium)');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status === 0 && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  die('Chromium is needed for the e2e tests and was not found. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH. No browser is ever downloaded by the tests.');
}

async function main() {
  const started = Date.now();
  ensureDependencies();

  say('checking services');
  let admin;
  try {
    admin = await postgresClient(adminUrl);
  } catch (error) {
    die(`Postgres is not reachable at ${masked(adminUrl)} (${error.message}). Start it (DEVELOPERS.md) or set TEST_DATABASE_ADMIN_URL to a role that may CREATE DATABASE.`);
  }
  if (!(await redisReachable(redisUrl))) die(`Redis is not reachable at ${redisUrl}. Start it (DEVELOPERS.md) or set REDIS_URL.`);
  const chromium = ensureChromium();
  console.log(`Postgres ${masked(adminUrl)}, Redis ${redisUrl}, Chromium ${chromium}`);

  const results = [];
  const step = async (name, cmd, args, env) => {
    say(name);
    const r = await run(cmd, args, env);
    results.push({ name, ...r });
    return r.status === 0;
  };

  // The module-boundary rule reads Nx's project graph; compute it first (a fresh clone has none).
  await run('npx', ['nx', 'show', 'projects']);
  await step('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
  await step('type-check (server code and tests)', 'npx', ['tsc', '-p', 'tsconfig.server.json']);
  const built = await step('build', 'npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
  // Tests always run (no replay from Nx's cache), so a green run means they passed now.
  await step('unit tests', 'npx', ['nx', 'run-many', '-t', 'test', '--output-style=static', '--parallel=2', '--skip-nx-cache']);
  await step('integration tests', 'npx', ['nx', 'run-many', '-t', 'integration', '--parallel=1', '--output-style=static'], { TEST_DATABASE_ADMIN_URL: adminUrl, REDIS_URL: redisUrl });

  if (built) {
    const name = `quorum_e2e_${randomBytes(5).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const e2eUrl = new URL(adminUrl);
    e2eUrl.pathname = `/${name}`;
    try {
      await step('e2e (Playwright, system Chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], {
        E2E_DATABASE_URL: e2eUrl.toString(),
        E2E_QUEUE_PREFIX: name,
        CHROMIUM_PATH: chromium,
        REDIS_URL: redisUrl,
      });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropRedisKeys(redisUrl, `${name}:*`);
    }
  } else {
    results.push({ name: 'e2e (skipped: the build failed)', status: 1, output: '' });
  }
  await admin.end();

  const totals = results.reduce((acc, r) => {
    const c = countTests(r.output);
    return { passed: acc.passed + c.passed, failed: acc.failed + c.failed };
  }, { passed: 0, failed: 0 });
  const failedSteps = results.filter((r) => r.status !== 0).map((r) => r.name);
  say('summary');
  for (const r of results) console.log(`${r.status === 0 ? '✔' : '✖'} ${r.name}`);
  console.log(`took ${Math.round((Date.now() - started) / 1000)}s`);
  console.log(`Totals: ${totals.passed} passed, ${totals.failed} failed${failedSteps.length ? ` (failed steps: ${failedSteps.join(", ")})` : ""}`);
  if (failedSteps.length) process.exit(1);
  if (totals.passed === 0) die('no test ran');
}

main().catch((error) => die(error.stack ?? String(error)));
