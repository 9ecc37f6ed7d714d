import type { AuditEventView, AuditVerifyResponse, HealthResponse, Page } from '@quorum/contracts';
import { registerTenant } from '@quorum/api/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '@quorum/api/config';
import { quorumDataSourceOptions } from '@quorum/api/schema';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { createPlatformUser, startTestApi, TestApi } from './support/test-app';

describe('platform plumbing (real Postgres + Redis)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('GET /health reports the database and Redis up', async () => {
    const res = await api.http.get<HealthResponse>('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('serves the OpenAPI document with the contract routes', async () => {
    const res = await api.http.get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const path of ['/health', '/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/orgs/{orgId}', '/api/v1/orgs/{orgId}/members', '/api/v1/audit', '/api/v1/audit/verify']) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
  });

  it('reports queue health to platform staff only', async () => {
    const auditor = await createPlatformUser(api, 'auditor');
    const res = await api.http.get<{ queues: { name: string; failed: number }[]; outbox: { pending: number } }>('/api/v1/admin/queues', auditor.token);
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q) => q.name).sort()).toEqual(['delivery', 'maintenance', 'neutrality', 'quality', 'routing', 'tasks']);
    expect(res.body.outbox.pending).toBeGreaterThanOrEqual(0);
    expect((await api.http.get('/api/v1/admin/queues', (await registerTenant(api.http)).adminToken)).status).toBe(403);
  });

  it('answers unknown routes with a problem+json 404 and echoes the request id', async () => {
    const res = await api.http.request('GET', '/api/v1/no-such-thing', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  it('sets security headers', async () => {
    const res = await api.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  describe('seed', () => {
    it('builds the demo world and is safe to run twice', async () => {
      const config = { ...loadAppConfig(), adminPassword: 'seed-admin-password' };
      const first = await new DemoSeeder(api.app, config).run();
      expect(first).toMatch(/Seeded \d+ records/);
      const count = async () => (await api.dataSource.query(`SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM entities)::int AS entities`))[0];
      const afterFirst = await count();
      const second = await new DemoSeeder(api.app, config).run();
      expect(second).toMatch(/already present/);
      expect(await count()).toEqual(afterFirst);
      const [admin] = await api.dataSource.query(`SELECT u.roles, o.kind FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.email = 'admin@quorum.local'`);
      expect(admin).toEqual({ roles: ['platform_admin'], kind: 'platform' });
      const login = await api.http.post('/api/v1/auth/login', { email: 'admin@quorum.local', password: 'seed-admin-password' });
      expect(login.status).toBe(200);
      const orgsWithoutEntity = await api.dataSource.query(`SELECT o.name FROM organizations o LEFT JOIN entities e ON e.org_id = o.id WHERE e.id IS NULL`);
      expect(orgsWithoutEntity).toEqual([]);
    });
  });

  describe('audit trail', () => {
    it('is readable by platform staff only', async () => {
      const lab = await registerTenant(api.http);
      expect((await api.http.get('/api/v1/audit', lab.adminToken)).status).toBe(403);
      expect((await api.http.get('/api/v1/audit/verify', lab.adminToken)).status).toBe(403);
      const auditor = await createPlatformUser(api, 'auditor');
      const page = await api.http.get<Page<AuditEventView>>(`/api/v1/audit?subject=org:${lab.orgId}`, auditor.token);
      expect(page.status).toBe(200);
      expect(page.body.items).toEqual([expect.objectContaining({ type: 'org.registered', subject: `org:${lab.orgId}`, prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    });

    it('pages newest first with a cursor and filters by type', async () => {
      const auditor = await createPlatformUser(api, 'auditor');
      for (let i = 0; i < 3; i++) await registerTenant(api.http);
      const first = await api.http.get<Page<AuditEventView>>('/api/v1/audit?type=org.registered&limit=2', auditor.token);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.items[0].seq).toBeGreaterThan(first.body.items[1].seq);
      const second = await api.http.get<Page<AuditEventView>>(`/api/v1/audit?type=org.registered&limit=2&cursor=${first.body.nextCursor}`, auditor.token);
      expect(second.body.items[0].seq).toBeLessThan(first.body.items[1].seq);
      expect(second.body.items.every((e) => e.type === 'org.registered')).toBe(true);
    });

    it('refuses updates and deletes at the database', async () => {
      await expect(api.dataSource.query(`UPDATE audit_events SET type = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(api.dataSource.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(/append-only/);
    });

    it('keeps a valid chain under concurrent appends', async () => {
      await Promise.all(Array.from({ length: 8 }, () => registerTenant(api.http)));
      const admin = await createPlatformUser(api, 'platform_admin');
      const verify = await api.http.get<AuditVerifyResponse>('/api/v1/audit/verify', admin.token);
      expect(verify.body).toMatchObject({ valid: true, firstInvalidSeq: null });
      const [{ n }] = await api.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
      expect(verify.body.length).toBe(n);
    });

    it('names the first tampered event, and verifies again once it is restored', async () => {
      const admin = await createPlatformUser(api, 'platform_admin');
      const lab = await registerTenant(api.http);
      const [target] = await api.dataSource.query(`SELECT seq, data FROM audit_events WHERE subject = $1`, [`org:${lab.orgId}`]);
      const tampered = { ...target.data, name: 'Someone Else' };
      const runner = api.dataSource.createQueryRunner();
      try {
        // Only the table owner can do this: the trigger has to be switched off first.
        await runner.query('ALTER TABLE audit_events DISABLE TRIGGER tr_audit_events_append_only');
        await runner.query('UPDATE audit_events SET data = $1 WHERE seq = $2', [JSON.stringify(tampered), target.seq]);
        const broken = await api.http.get<AuditVerifyResponse>('/api/v1/audit/verify', admin.token);
        expect(broken.body).toMatchObject({ valid: false, firstInvalidSeq: Number(target.seq) });
        await runner.query('UPDATE audit_events SET data = $1 WHERE seq = $2', [JSON.stringify(target.data), target.seq]);
      } finally {
        await runner.query('ALTER TABLE audit_events ENABLE TRIGGER tr_audit_events_append_only');
        await runner.release();
      }
      const restored = await api.http.get<AuditVerifyResponse>('/api/v1/audit/verify', admin.token);
      expect(restored.body.valid).toBe(true);
    });
  });

  describe('migrations', () => {
    it('apply on an empty database and revert completely', async () => {
      const adminUrl = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
      const name = `${process.env['QUORUM_TEST_DATABASE']}_mig`;
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const ds = new DataSource(quorumDataSourceOptions({ url: url.toString(), poolSize: 2, applicationName: 'migration-test' }));
      try {
        await ds.initialize();
        const applied = await ds.runMigrations({ transaction: 'each' });
        expect(applied.length).toBeGreaterThan(0);
        expect(await ds.showMigrations()).toBe(false);
        for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
        const [{ tables }] = await ds.query(`SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`);
        expect(tables).toBe(0);
        await ds.runMigrations({ transaction: 'each' });
        expect(await ds.showMigrations()).toBe(false);
      } finally {
        if (ds.isInitialized) await ds.destroy();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    });
  });
});
