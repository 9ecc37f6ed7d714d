/**
 * `npm run bench`: builds the API and the worker once, runs every scenario one after the other (each
 * starts its own stack on a database created for it), prints each table and writes bench/RESULTS.md.
 * A scenario that fails, times out or is missing is reported as such; the others still run.
 *   npm run bench                                   all scenarios, full sizes
 *   npm run bench -- --only=aggregation,framework   a subset (names below)
 *   npm run bench -- --quick --out=tmp/results.md   smaller sizes where a scenario supports --quick
 *   --no-build skips the build (dist must be current); BENCH_TIMEOUT_S caps each scenario (default 240;
 *   import-export, which writes 3M answers before it can export 1M results, gets twice that).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');
const SCENARIOS: { name: string; file: string; what: string; timeoutFactor?: number }[] = [
  { name: 'claim', file: 'bench/claim-submit.bench.ts', what: 'claim + submit over HTTP vs raw SQL vs pg-boss' },
  { name: 'import-export', file: 'bench/import-export.bench.ts', what: 'JSON Lines import vs COPY, export vs COPY TO', timeoutFactor: 2 },
  { name: 'routing', file: 'bench/routing.bench.ts', what: 'routing 1M items over 200 vendors' },
  { name: 'ownership', file: 'bench/ownership.bench.ts', what: 'effective ownership 100k/300k, conflict evaluation 100 labs × 500 vendors' },
  { name: 'neutrality', file: 'bench/statement-to-conflict.bench.ts', what: 'statement recorded → conflict visible' },
  { name: 'aggregation', file: 'bench/aggregation.bench.ts', what: 'Dawid–Skene 1M answers, Bradley–Terry 100k comparisons' },
  { name: 'framework', file: 'bench/framework.bench.ts', what: 'authenticated GET through Nest vs bare node:http' },
];

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = option('only')?.split(',');
const out = join(ROOT, option('out') ?? 'bench/RESULTS.md');
const passThrough = args.filter((a) => a === '--quick');
const TIMEOUT_S = Number(process.env['BENCH_TIMEOUT_S'] ?? 240);

interface Outcome {
  name: string;
  file: string;
  status: 'ok' | 'failed' | 'timed out' | 'not present';
  seconds: number;
  markdown: string;
  errorTail: string;
}

function run(scenario: (typeof SCENARIOS)[number]): Promise<Outcome> {
  const base = { name: scenario.name, file: scenario.file };
  if (!existsSync(join(ROOT, scenario.file))) {
    return Promise.resolve({ ...base, status: 'not present', seconds: 0, markdown: '', errorTail: '' });
  }
  console.log(`\n### ${scenario.name} (${scenario.file})`);
  const started = performance.now();
  // Its own process group, so a timeout also stops the API and worker it started.
  const child = spawn(process.execPath, ['-r', '@swc-node/register', scenario.file, ...passThrough], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: 'bench/tsconfig.json' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }, TIMEOUT_S * (scenario.timeoutFactor ?? 1) * 1000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const status = timedOut ? 'timed out' : code === 0 ? 'ok' : 'failed';
      // The head names the error, the tail shows where it stopped; a stack dump's middle says little.
      const errLines = stderr.trim().split('\n');
      const errorTail = status === 'ok' ? '' : errLines.length > 20 ? [...errLines.slice(0, 8), '…', ...errLines.slice(-8)].join('\n') : errLines.join('\n');
      resolve({ ...base, status, seconds, markdown: stdout.trim(), errorTail });
    });
  });
}

function command(cmd: string, argv: string[]): string {
  const res = spawnSync(cmd, argv, { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : 'unknown';
}

async function machine(): Promise<string[]> {
  const adminUrl = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let postgres = 'unknown';
  const client = new Client({ connectionString: adminUrl });
  try {
    await client.connect();
    postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } catch {
    // reported as unknown
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = /redis_version:(\S+)/.exec(command('redis-cli', ['INFO', 'server']))?.[1] ?? 'unknown';
  return [
    `- CPUs (\`nproc\`): ${command('nproc', [])} (${cpus()[0]?.model ?? 'unknown'})`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node ${process.version}, PostgreSQL ${postgres}, Redis ${redis}`,
    `- Load average at the start: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (the machine is shared; figures are noisy, ratios within one run are the reliable part)`,
  ];
}

const ADMIN_URL = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withAdmin<T>(work: (client: Client) => Promise<T>, fallback: T): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    return fallback;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function benchDatabases(): Promise<string[]> {
  return withAdmin(async (client) => (await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'quorum\\_bench\\_%'`)).rows.map((r) => r.datname), []);
}

async function dropDatabases(names: string[]): Promise<void> {
  for (const name of names) {
    if (!/^quorum_bench_[0-9a-f]+$/.test(name)) continue;
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`), undefined);
    // The stack's queues and counters live under a prefix named after its database.
    spawnSync('sh', ['-c', `redis-cli --scan --pattern '${name}:*' | xargs -r -n 500 redis-cli del > /dev/null`]);
    console.log(`dropped ${name}, left by the timed-out scenario`);
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const host = await machine();
  if (!args.includes('--no-build')) {
    console.log('Building api and worker once for every scenario…');
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,worker', '--output-style=static'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('The build failed; not running the benchmarks.');
      process.exit(1);
    }
  }
  const outcomes: Outcome[] = [];
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
    const before = await benchDatabases();
    const outcome = await run(scenario);
    // A killed scenario never reached its own cleanup: drop what it created.
    if (outcome.status === 'timed out') await dropDatabases((await benchDatabases()).filter((name) => !before.includes(name)));
    outcomes.push(outcome);
  }
  const total = (Date.now() - startedAt.getTime()) / 1000;

  const lines = [
    '# Benchmark results',
    '',
    `Run ${startedAt.toISOString()}, ${Math.round(total)} s in all (build included). Command: \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\`.`,
    '',
    ...host,
    `- Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`,
    '',
    '| scenario | file | status | seconds |',
    '| --- | --- | --- | --- |',
    ...outcomes.map((o) => `| ${o.name} | \`${o.file}\` | ${o.status} | ${o.status === 'not present' ? '–' : Math.round(o.seconds)} |`),
    '',
  ];
  for (const o of outcomes) {
    lines.push(`## Scenario: ${o.name}`, '', `\`${o.file}\`: ${SCENARIOS.find((s) => s.name === o.name)?.what}.`, '');
    if (o.status === 'not present') lines.push('Not present in this checkout: not run.', '');
    else {
      if (o.status !== 'ok') lines.push(`**${o.status.toUpperCase()}** after ${Math.round(o.seconds)} s.`, '', '```', o.errorTail || '(no error output)', '```', '');
      // Scenario titles are level-2 headings; nest them under the scenario's.
      if (o.markdown) lines.push(o.markdown.replace(/^## /gm, '### '), '');
    }
  }
  writeFileSync(out, lines.join('\n'));
  console.log(`\nWrote ${relative(ROOT, out)} (${Math.round(total)} s).`);
  if (outcomes.some((o) => o.status === 'failed' || o.status === 'timed out')) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
