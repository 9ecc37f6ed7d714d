import type { LoginResponse, MeResponse, MemberView, OrgView, Page, ProblemDetails, RegisterResponse } from '@quorum/contracts';
import { addMember, aRegistration, registerTenant, TEST_PASSWORD } from '@quorum/api/testing';
import { randomUUID } from 'node:crypto';
import { createPlatformUser, startTestApi, TestApi } from './support/test-app';

describe('identity and tenancy (real Postgres + Redis)', () => {
  let api: TestApi;

  beforeAll(async () => {
    process.env['LOGIN_RATE_LIMIT_ATTEMPTS'] = '4';
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
    delete process.env['LOGIN_RATE_LIMIT_ATTEMPTS'];
  });

  describe('POST /auth/register', () => {
    it('creates the org, its registry entity and its admin, and returns a working token', async () => {
      const registration = aRegistration({ orgKind: 'vendor' });
      const res = await api.http.post<RegisterResponse>('/api/v1/auth/register', registration);
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ email: registration.email, displayName: registration.displayName, roles: ['vendor_admin'] });
      expect(res.body.org).toMatchObject({ name: registration.orgName, kind: 'vendor' });
      const [entity] = await api.dataSource.query('SELECT id, name, kind FROM entities WHERE org_id = $1', [res.body.org.id]);
      expect(entity).toEqual({ id: res.body.org.entityId, name: registration.orgName, kind: 'company' });
      const me = await api.http.get<MeResponse>('/api/v1/auth/me', res.body.accessToken);
      expect(me.body).toMatchObject({ id: res.body.user.id, orgId: res.body.org.id, orgKind: 'vendor', roles: ['vendor_admin'] });
    });

    it('answers 400 problem+json listing every bad field, and writes nothing', async () => {
      const before = await api.dataSource.query('SELECT count(*)::int AS n FROM organizations');
      const res = await api.http.post<ProblemDetails>('/api/v1/auth/register', { email: 'not-an-email', password: 'short', displayName: '', orgName: 'x', orgKind: 'platform', isAdmin: true });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/validation$/), title: expect.any(String), status: 400 });
      const paths = (res.body.errors ?? []).map((e) => e.path).sort();
      expect(paths).toEqual(['displayName', 'email', 'isAdmin', 'orgKind', 'orgName', 'password']);
      const after = await api.dataSource.query('SELECT count(*)::int AS n FROM organizations');
      expect(after).toEqual(before);
    });

    it('answers 400 on malformed JSON and 409 on a taken email', async () => {
      const malformed = await api.http.request<ProblemDetails>('POST', '/api/v1/auth/register', { rawBody: '{"email":', headers: { 'content-type': 'application/json' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.detail).toMatch(/JSON/);
      const first = aRegistration();
      await api.http.post('/api/v1/auth/register', first);
      const again = await api.http.post<ProblemDetails>('/api/v1/auth/register', { ...aRegistration(), email: first.email.toUpperCase() });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/email already exists/);
    });
    it('limits registrations per email address with 429 and Retry-After, before any work', async () => {
      const email = `limited-${randomUUID()}@example.test`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await api.http.post('/api/v1/auth/register', aRegistration({ email }))).status);
      // The first creates the org, the next four find the email taken, the sixth is over the limit.
      expect(statuses).toEqual([201, 409, 409, 409, 409, 429]);
      const limited = await api.http.post<ProblemDetails>('/api/v1/auth/register', aRegistration({ email: email.toUpperCase() }));
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.detail).toMatch(/email address/);
      const [{ n }] = await api.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
      expect(n).toBe(1);
    });

    it('limits registrations per client address; behind no trusted proxy a client cannot pick its address', async () => {
      const saved = { perIp: process.env['REGISTER_RATE_LIMIT_PER_IP'], trust: process.env['TRUST_PROXY'] };
      const restore = () => {
        for (const [name, value] of [['REGISTER_RATE_LIMIT_PER_IP', saved.perIp], ['TRUST_PROXY', saved.trust]] as const) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      };
      process.env['REGISTER_RATE_LIMIT_PER_IP'] = '3';
      try {
        const proxied = await startTestApi();
        try {
          // The test client connects from loopback, a trusted proxy by default, which names the client.
          const client = { 'x-forwarded-for': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
          const statuses: number[] = [];
          for (let i = 0; i < 4; i++) statuses.push((await proxied.http.post('/api/v1/auth/register', aRegistration(), undefined, client)).status);
          expect(statuses).toEqual([201, 201, 201, 429]);
          expect((await proxied.http.post('/api/v1/auth/register', aRegistration(), undefined, { 'x-forwarded-for': '198.19.0.1' })).status).toBe(201);
        } finally {
          await proxied.close();
        }
        process.env['TRUST_PROXY'] = 'false';
        const direct = await startTestApi();
        try {
          // X-Forwarded-For from an untrusted peer is ignored: every attempt counts against the peer.
          const statuses: number[] = [];
          for (let i = 0; i < 4; i++) statuses.push((await direct.http.post('/api/v1/auth/register', aRegistration(), undefined, { 'x-forwarded-for': `198.19.1.${i}` })).status);
          expect(statuses[3]).toBe(429);
        } finally {
          await direct.close();
        }
      } finally {
        restore();
      }
    });
  });

  describe('POST /auth/login', () => {
    it('logs in with the right password and refuses a wrong one with 401', async () => {
      const tenant = await registerTenant(api.http);
      const ok = await api.http.post<LoginResponse>('/api/v1/auth/login', { email: tenant.email, password: TEST_PASSWORD });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toEqual(expect.objectContaining({ id: tenant.adminId, email: tenant.email, roles: ['lab_admin'], orgId: tenant.orgId }));
      const bad = await api.http.post<ProblemDetails>('/api/v1/auth/login', { email: tenant.email, password: 'wrong-password-1' });
      expect(bad.status).toBe(401);
      const unknown = await api.http.post<ProblemDetails>('/api/v1/auth/login', { email: 'nobody@example.test', password: 'wrong-password-1' });
      expect(unknown.status).toBe(401);
      expect(unknown.body.detail).toBe(bad.body.detail);
    });

    it('rate-limits repeated failures with 429 and Retry-After, even for the right password', async () => {
      const tenant = await registerTenant(api.http);
      for (let i = 0; i < 4; i++) {
        expect((await api.http.post('/api/v1/auth/login', { email: tenant.email, password: `wrong-${i}-password` })).status).toBe(401);
      }
      const limited = await api.http.post<ProblemDetails>('/api/v1/auth/login', { email: tenant.email, password: TEST_PASSWORD });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('records failed logins on the audit trail without the email address', async () => {
      const tenant = await registerTenant(api.http);
      await api.http.post('/api/v1/auth/login', { email: tenant.email, password: 'definitely-wrong' });
      const [event] = await api.dataSource.query(`SELECT subject, data FROM audit_events WHERE type = 'auth.login_failed' AND subject = $1`, [`user:${tenant.adminId}`]);
      expect(event.data.knownAccount).toBe(true);
      expect(JSON.stringify(event)).not.toContain(tenant.email);
    });
  });

  describe('guards', () => {
    it('answers 401 without a token, with a forged one and with a malformed header', async () => {
      expect((await api.http.get('/api/v1/auth/me')).status).toBe(401);
      const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwib3JnIjoieSIsImtpbmQiOiJsYWIiLCJyb2xlcyI6WyJwbGF0Zm9ybV9hZG1pbiJdfQ.c2lnbmF0dXJl';
      expect((await api.http.get('/api/v1/auth/me', forged)).status).toBe(401);
      const res = await api.http.request('GET', '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });
  });

  describe('organizations and members', () => {
    it('lets an org admin add members with the roles of its org kind', async () => {
      const vendor = await registerTenant(api.http, { orgKind: 'vendor' });
      const res = await api.http.post<MemberView>(`/api/v1/orgs/${vendor.orgId}/members`, { email: 'Annotator.One@Example.test', password: TEST_PASSWORD, displayName: 'Annotator One', role: 'annotator' }, vendor.adminToken);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), email: 'annotator.one@example.test', roles: ['annotator'], orgId: vendor.orgId });
      const list = await api.http.get<Page<MemberView>>(`/api/v1/orgs/${vendor.orgId}/members`, vendor.adminToken);
      expect(list.body.items.map((m) => m.roles[0]).sort()).toEqual(['annotator', 'vendor_admin']);
      expect(list.body.nextCursor).toBeNull();
      const [event] = await api.dataSource.query(`SELECT actor, data FROM audit_events WHERE type = 'member.added' AND subject = $1`, [`user:${res.body.id}`]);
      expect(event.actor.userId).toBe(vendor.adminId);
      expect(event.data.roles).toEqual(['annotator']);
    });

    it('refuses roles of another org kind (422), platform roles (422) and unknown roles (400)', async () => {
      const lab = await registerTenant(api.http);
      const body = (role: string) => ({ email: `x-${randomUUID()}@example.test`, password: TEST_PASSWORD, displayName: 'X', role });
      expect((await api.http.post(`/api/v1/orgs/${lab.orgId}/members`, body('annotator'), lab.adminToken)).status).toBe(422);
      expect((await api.http.post(`/api/v1/orgs/${lab.orgId}/members`, body('platform_admin'), lab.adminToken)).status).toBe(422);
      const unknown = await api.http.post<ProblemDetails>(`/api/v1/orgs/${lab.orgId}/members`, body('superuser'), lab.adminToken);
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors?.[0].path).toBe('role');
    });

    it('refuses member creation to non-admins (403)', async () => {
      const lab = await registerTenant(api.http);
      const member = await addMember(api.http, lab, 'lab_member');
      const res = await api.http.post(`/api/v1/orgs/${lab.orgId}/members`, { email: `y-${randomUUID()}@example.test`, password: TEST_PASSWORD, displayName: 'Y', role: 'lab_admin' }, member.token);
      expect(res.status).toBe(403);
    });

    it("answers 404 for another tenant's org exactly as for a missing one, whatever headers claim", async () => {
      const a = await registerTenant(api.http);
      const b = await registerTenant(api.http, { orgKind: 'vendor' });
      const foreign = await api.http.request<ProblemDetails>('GET', `/api/v1/orgs/${b.orgId}`, { token: a.adminToken, headers: { 'x-tenant-id': b.orgId, 'x-org-id': b.orgId } });
      const missing = await api.http.get<ProblemDetails>(`/api/v1/orgs/${randomUUID()}`, a.adminToken);
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(foreign.body.detail).toBe(missing.body.detail);
      expect((await api.http.get(`/api/v1/orgs/${b.orgId}/members`, a.adminToken)).status).toBe(404);
      const add = await api.http.post(`/api/v1/orgs/${b.orgId}/members`, { email: `z-${randomUUID()}@example.test`, password: TEST_PASSWORD, displayName: 'Z', role: 'annotator' }, a.adminToken);
      expect(add.status).toBe(404);
      const own = await api.http.get<OrgView>(`/api/v1/orgs/${a.orgId}`, a.adminToken);
      expect(own.body).toEqual(expect.objectContaining({ id: a.orgId, kind: 'lab', entityId: a.entityId }));
    });

    it('answers 400 for an id that is not a UUID', async () => {
      const a = await registerTenant(api.http);
      const res = await api.http.get<ProblemDetails>('/api/v1/orgs/not-a-uuid', a.adminToken);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'orgId', message: 'orgId must be a UUID' }]);
    });

    it('lets platform staff read any org', async () => {
      const lab = await registerTenant(api.http);
      const auditor = await createPlatformUser(api, 'auditor');
      const res = await api.http.get<OrgView>(`/api/v1/orgs/${lab.orgId}`, auditor.token);
      expect(res.status).toBe(200);
      expect(res.body.entityId).toBe(lab.entityId);
    });

    it('pages members with a cursor', async () => {
      const vendor = await registerTenant(api.http, { orgKind: 'vendor' });
      for (let i = 0; i < 3; i++) await addMember(api.http, vendor, 'annotator');
      const first = await api.http.get<Page<MemberView>>(`/api/v1/orgs/${vendor.orgId}/members?limit=3`, vendor.adminToken);
      expect(first.body.items).toHaveLength(3);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await api.http.get<Page<MemberView>>(`/api/v1/orgs/${vendor.orgId}/members?limit=3&cursor=${first.body.nextCursor}`, vendor.adminToken);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
      const ids = [...first.body.items, ...second.body.items].map((m) => m.id);
      expect(new Set(ids).size).toBe(4);
      expect((await api.http.get(`/api/v1/orgs/${vendor.orgId}/members?cursor=garbage`, vendor.adminToken)).status).toBe(400);
    });
  });
});
