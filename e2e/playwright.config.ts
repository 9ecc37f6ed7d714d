import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

const port = Number(process.env['E2E_PORT'] ?? 3333);
const root = join(__dirname, '..');
const databaseUrl = process.env['E2E_DATABASE_URL'];
if (!databaseUrl) throw new Error('E2E_DATABASE_URL is not set: run e2e through `npm test` (it creates and drops the database)');
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';
const serverEnv = {
  NODE_ENV: 'test',
  PORT: String(port),
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl,
  REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: process.env['E2E_QUEUE_PREFIX'] ?? 'quorum_e2e',
  LOG_LEVEL: 'warn',
  QUORUM_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
  WEB_DIST_PATH: join(root, 'dist/apps/web/browser'),
};

export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e-spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  outputDir: join(root, 'dist/e2e/test-results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // The system Chromium; nothing is ever downloaded at test time.
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1366, height: 860 } } }],
  webServer: [
    {
      // The demo world (seeded through the domain services) is what the journeys walk through.
      command: 'node dist/apps/api/migrate.js up && node dist/apps/api/seed.js > /dev/null && node dist/apps/api/main.js',
      cwd: root,
      url: `http://127.0.0.1:${port}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: serverEnv,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Started after the API, which has applied the migrations by then.
      command: 'node dist/apps/worker/main.js',
      cwd: root,
      reuseExistingServer: false,
      env: serverEnv,
      stdout: 'pipe',
      stderr: 'pipe',
      wait: { stdout: /Quorum worker running/ },
    },
  ],
});
