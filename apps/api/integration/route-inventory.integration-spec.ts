import { addMember, registerTenant } from '@quorum/api/testing';
import { createPlatformUser, startTestApi, TestApi } from './support/test-app';

/**
 * Every route the API registers, from its own OpenAPI document. A route added without being
 * listed here fails this suite, so each new route gets a conscious decision about who may call it.
 */
const PUBLIC = new Set(['GET /health', 'POST /api/v1/auth/register', 'POST /api/v1/auth/login']);

const INVENTORY = [
  'GET /health',
  'GET /api/v1/admin/queues',
  'GET /api/v1/audit',
  'GET /api/v1/audit/verify',
  'GET /api/v1/audit/checkpoints',
  'POST /api/v1/audit/checkpoints',
  'POST /api/v1/audit/checkpoints/verify',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/register',
  'GET /api/v1/conflicts',
  'POST /api/v1/conflicts/{id}/acknowledge',
  'POST /api/v1/conflicts/{id}/waive',
  'POST /api/v1/conflicts/{id}/waiver/approve',
  'GET /api/v1/entities',
  'POST /api/v1/entities',
  'GET /api/v1/entities/{id}',
  'GET /api/v1/entities/{id}/effective-owners',
  'GET /api/v1/interests',
  'POST /api/v1/interests',
  'POST /api/v1/interests/import',
  'POST /api/v1/interests/{id}/end',
  'GET /api/v1/jobs',
  'POST /api/v1/jobs',
  'GET /api/v1/jobs/{id}',
  'POST /api/v1/jobs/{id}/cancel',
  'POST /api/v1/jobs/{id}/gold',
  'POST /api/v1/jobs/{id}/items',
  'POST /api/v1/jobs/{id}/pause',
  'POST /api/v1/jobs/{id}/publish',
  'GET /api/v1/jobs/{id}/results',
  'POST /api/v1/jobs/{id}/resume',
  'GET /api/v1/jobs/{id}/stats',
  'GET /api/v1/labs/{labOrgId}/conflict-policy',
  'PUT /api/v1/labs/{labOrgId}/conflict-policy',
  'POST /api/v1/neutrality/evaluate',
  'GET /api/v1/neutrality/matrix',
  'GET /api/v1/orgs/{orgId}',
  'GET /api/v1/orgs/{orgId}/members',
  'POST /api/v1/orgs/{orgId}/members',
  'GET /api/v1/registry/bods',
  'POST /api/v1/reviews/next',
  'POST /api/v1/reviews/{id}/decision',
  'GET /api/v1/tasks/stats',
  'POST /api/v1/tasks/next',
  'POST /api/v1/tasks/{id}/heartbeat',
  'POST /api/v1/tasks/{id}/skip',
  'POST /api/v1/tasks/{id}/submit',
  'GET /api/v1/vendor/earnings',
  'GET /api/v1/vendor/profile',
  'PUT /api/v1/vendor/profile',
  'GET /api/v1/vendor/work',
  'POST /api/v1/vendor/work/{jobId}/accept',
  'POST /api/v1/vendor/work/{jobId}/decline',
  'GET /api/v1/vendors',
  'GET /api/v1/webhooks',
  'POST /api/v1/webhooks',
  'POST /api/v1/webhooks/deliveries/{deliveryId}/replay',
  'POST /api/v1/webhooks/{id}/disable',
  'GET /api/v1/webhooks/{id}/deliveries',
];

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

describe('route inventory', () => {
  let api: TestApi;
  let routes: string[];

  let doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };

  beforeAll(async () => {
    api = await startTestApi();
    doc = (await api.http.get<typeof doc>('/api/docs-json')).body;
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((verb) => `${verb.toUpperCase()} ${path}`));
  });
  afterAll(() => api.close());

  it('lists exactly the routes the API serves (a new route must be added here on purpose)', () => {
    expect([...routes].sort()).toEqual([...INVENTORY].sort());
  });

  it('answers 401 problem+json without a token on every route but the public ones', async () => {
    const open: string[] = [];
    for (const route of routes) {
      if (PUBLIC.has(route)) continue;
      const [verb, path] = route.split(' ');
      const url = path.replace(/\{[^}]+\}/g, SAMPLE_ID);
      const res = await api.http.request(verb as 'GET' | 'POST' | 'PUT', url, verb === 'GET' ? {} : { body: {} });
      if (res.status !== 401 || !/problem\+json/.test(String(res.headers['content-type']))) open.push(`${route} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('refuses the platform-only routes to every tenant role with 403', async () => {
    const platformOnly = [
      'POST /api/v1/entities',
      'GET /api/v1/entities',
      'POST /api/v1/interests',
      'POST /api/v1/interests/import',
      'POST /api/v1/interests/{id}/end',
      'GET /api/v1/registry/bods',
      'POST /api/v1/neutrality/evaluate',
      'GET /api/v1/neutrality/matrix',
      'GET /api/v1/audit',
      'GET /api/v1/audit/verify',
      'GET /api/v1/audit/checkpoints',
      'POST /api/v1/audit/checkpoints',
      'POST /api/v1/audit/checkpoints/verify',
      'GET /api/v1/admin/queues',
    ];
    const lab = await registerTenant(api.http, { orgKind: 'lab' });
    const vendor = await registerTenant(api.http, { orgKind: 'vendor' });
    const tokens = { lab_admin: lab.adminToken, lab_member: (await addMember(api.http, lab, 'lab_member')).token, vendor_admin: vendor.adminToken, annotator: (await addMember(api.http, vendor, 'annotator')).token, reviewer: (await addMember(api.http, vendor, 'reviewer')).token };
    const allowed: string[] = [];
    for (const route of platformOnly) {
      expect(routes).toContain(route);
      const [verb, path] = route.split(' ');
      for (const [role, token] of Object.entries(tokens)) {
        const res = await api.http.request(verb as 'GET' | 'POST', path.replace(/\{[^}]+\}/g, SAMPLE_ID), { token, ...(verb === 'GET' ? {} : { body: {} }) });
        if (res.status !== 403) allowed.push(`${route} as ${role} → ${res.status}`);
      }
    }
    expect(allowed).toEqual([]);
  });

  it('ignores a forged token on every route', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwib3JnIjoieSIsImtpbmQiOiJwbGF0Zm9ybSIsInJvbGVzIjpbInBsYXRmb3JtX2FkbWluIl19.c2lnbmF0dXJl';
    const accepted: string[] = [];
    for (const route of routes) {
      if (PUBLIC.has(route)) continue;
      const [verb, path] = route.split(' ');
      const res = await api.http.request(verb as 'GET' | 'POST' | 'PUT', path.replace(/\{[^}]+\}/g, SAMPLE_ID), { token: forged, ...(verb === 'GET' ? {} : { body: {} }) });
      if (res.status !== 401) accepted.push(`${route} → ${res.status}`);
    }
    expect(accepted).toEqual([]);
  });

  it('answers repeated and hostile query parameters on every GET with a 2xx or a 4xx problem, never a 5xx', async () => {
    const lab = await registerTenant(api.http, { orgKind: 'lab' });
    const vendor = await registerTenant(api.http, { orgKind: 'vendor' });
    const callers = [(await createPlatformUser(api, 'platform_admin')).token, lab.adminToken, vendor.adminToken, (await addMember(api.http, vendor, 'annotator')).token];
    const hostile = ["x'; DROP TABLE jobs; --", '__proto__', '-1', 'NaN', '1e309', '%00', 'a'.repeat(10_000), '{"$ne":null}', '2026-13-45'];
    const failures: string[] = [];
    let requests = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      const params = (ops['get']?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      if (!params.length) continue;
      const base = path.replace(/\{[^}]+\}/g, SAMPLE_ID);
      const queries = [
        // Parameter pollution: every parameter twice.
        params.map((p) => `${p}=a&${p}=b`).join('&'),
        ...hostile.map((value) => params.map((p) => `${p}=${encodeURIComponent(value)}`).join('&')),
        ...params.map((p) => `${p}[]=1&${p}[x]=2`),
      ];
      for (const token of callers) {
        for (const query of queries) {
          const res = await api.http.request('GET', `${base}?${query}`, { token });
          requests += 1;
          const problem = /problem\+json/.test(String(res.headers['content-type']));
          if (res.status >= 500 || (res.status >= 400 && !problem)) failures.push(`GET ${path}?${query.slice(0, 80)} → ${res.status}`);
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});
