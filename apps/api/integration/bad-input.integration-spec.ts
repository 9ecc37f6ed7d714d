import type { JobView, Role } from '@quorum/contracts';
import { addMember, registerTenant, TestTenant } from '@quorum/api/testing';
import { changedTables, fingerprint } from './support/fingerprint';
import { createPlatformUser, startTestApi, TestApi } from './support/test-app';

/**
 * A corpus of hostile bodies sent to every write route as every kind of caller: each must be
 * answered with a 4xx problem+json that says what is wrong — never a 500, never a hang.
 */
const BODIES: { name: string; raw: string; contentType?: string }[] = [
  { name: 'malformed JSON', raw: '{"a":' },
  { name: 'JSON array', raw: '[1,2,3]' },
  { name: 'JSON string', raw: '"hello"' },
  { name: 'null', raw: 'null' },
  { name: 'wrong types', raw: JSON.stringify({ email: 42, password: [], title: {}, overlap: 'three', share: 'lots', answer: 7, events: 'all', url: 5, skills: 'x', competitors: 12, justification: false, expiresAt: 'soon', endDate: 'never', timeSpentMs: -5, name: null, kind: 'planet', type: 'friendship', interestedPartyId: 'not-a-uuid' }) },
  { name: 'NaN and negatives', raw: '{"overlap":-1,"pricePerAnswer":-0.5,"capacityPerHour":-10,"economicThreshold":1e309,"timeSpentMs":-1}' },
  { name: 'huge string', raw: JSON.stringify({ name: 'x'.repeat(300_000), title: 'y'.repeat(300_000), justification: 'z'.repeat(300_000) }) },
  { name: 'deep nesting', raw: '{"a":'.repeat(2000) + '1' + '}'.repeat(2000) },
  // Validation recursed into these until the stack overflowed (a 500 after seconds of CPU).
  { name: 'nesting 100k deep', raw: '['.repeat(100_000) + ']'.repeat(100_000) },
  { name: 'a field nested 50k deep', raw: `{"title":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}` },
  { name: 'unicode edge cases', raw: JSON.stringify({ name: '\u0000\ud800\u202e𝕏', email: 'a\u0000@b.c', title: '\ud83d' }) },
  { name: 'prototype keys', raw: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
  { name: 'wrong content type', raw: 'a,b\n1,2', contentType: 'text/plain' },
];

describe('bad input on every write route', () => {
  let api: TestApi;
  let callers: { role: string; token: string }[];
  let writeRoutes: string[];
  /** GET routes with the query parameters the OpenAPI document lists for them. */
  let readRoutes: { route: string; query: string[] }[];
  let lab: TestTenant;
  let vendor: TestTenant;
  let admin: { token: string };
  /** Another lab's job: no hostile query may bring it into the first lab's answers. */
  let foreignJob: JobView;
  /** Path ids: the callers' own lab and vendor, so requests get past the tenancy checks to validation. */
  let ids: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi();
    lab = await registerTenant(api.http, { orgKind: 'lab' });
    vendor = await registerTenant(api.http, { orgKind: 'vendor' });
    const annotator = await addMember(api.http, vendor, 'annotator' as Role);
    admin = await createPlatformUser(api, 'platform_admin');
    const other = await registerTenant(api.http, { orgKind: 'lab' });
    foreignJob = (await api.http.post<JobView>('/api/v1/jobs', { title: 'Foreign', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'b'] }, overlap: 1, pricePerAnswer: 0.01 }, other.adminToken)).body;
    callers = [
      { role: 'lab_admin', token: lab.adminToken },
      { role: 'vendor_admin', token: vendor.adminToken },
      { role: 'annotator', token: annotator.token },
      { role: 'platform_admin', token: admin.token },
    ];
    const doc = await api.http.get<{ paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> }>('/api/docs-json');
    readRoutes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      ops['get'] ? [{ route: `GET ${path}`, query: (ops['get'].parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name) }] : [],
    );
    writeRoutes = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((verb) => verb === 'post' || verb === 'put')
        .map((verb) => `${verb.toUpperCase()} ${path}`),
    );
    ids = { labOrgId: lab.orgId, orgId: vendor.orgId };
  });
  afterAll(() => api.close());

  it('never answers 5xx, and every refusal is problem+json', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of writeRoutes) {
      const [verb, template] = route.split(' ');
      const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');
      for (const caller of callers) {
        const before = await fingerprint(api.dataSource);
        let refusedAll = true;
        for (const body of BODIES) {
          const res = await api.http.request(verb as 'POST' | 'PUT', path, { token: caller.token, rawBody: body.raw, headers: { 'content-type': body.contentType ?? 'application/json' } });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          refusedAll &&= res.status >= 400;
          const problem = /application\/problem\+json/.test(String(res.headers['content-type']));
          if (res.status >= 500 || (res.status >= 400 && !problem)) failures.push(`${route} as ${caller.role} with ${body.name} → ${res.status} ${res.text.slice(0, 120)}`);
        }
        // Nothing half-written: when every body was refused, no row changed anywhere.
        const changed = refusedAll ? changedTables(before, await fingerprint(api.dataSource)) : [];
        if (changed.length) failures.push(`${route} as ${caller.role}: refused, yet changed ${changed.join(', ')}`);
      }
    }
    console.log(`bad input: ${writeRoutes.length} write routes × ${callers.length} callers × ${BODIES.length} bodies; by status ${[...statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
    expect(failures).toEqual([]);
    // The corpus really reached the routes: validation (400) and media-type (415) refusals happened.
    expect(writeRoutes.length).toBeGreaterThan(30);
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(statuses.get(415)).toBeGreaterThan(0);
  }, 120_000);
  it('takes hostile query strings on every read route as 400 or ignores them, never a 5xx and never another tenant’s rows', async () => {
    const VALUES = ["' OR 1=1 --", '1;DROP TABLE jobs', '{"$ne":""}', '__proto__', '../../etc/passwd', 'x'.repeat(10_000), '-1', '1e309', '2025-02-30', '\u0000'];
    // Sort, order and filter fields are not taken from clients at all: unknown parameters are ignored.
    const UNKNOWN = 'sort=id%3BDROP&order=__proto__&sort%5B%24ne%5D=&filter%5BcreatedBy.passwordHash%5D=x&orderBy=password_hash&labId=' + foreignJob.labOrgId;
    const failures: string[] = [];
    let sent = 0;
    for (const { route, query } of readRoutes) {
      const template = route.split(' ')[1];
      const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => (name === 'orgId' || name === 'labOrgId' ? lab.orgId : name === 'id' && template.includes('/entities/') ? lab.entityId : '00000000-0000-4000-8000-000000000000'));
      const urls = [`${path}?${UNKNOWN}`];
      for (const name of query) {
        for (const value of VALUES) urls.push(`${path}?${name}=${encodeURIComponent(value)}`);
        urls.push(`${path}?${name}=a&${name}=b`);
        urls.push(`${path}?${name}%5B%24gt%5D=`);
      }
      for (const url of urls) {
        for (const caller of [{ role: 'lab_admin', token: lab.adminToken, orgId: lab.orgId }, { role: 'vendor_admin', token: vendor.adminToken, orgId: vendor.orgId }, { role: 'platform_admin', token: admin.token, orgId: null }]) {
          const res = await api.http.get<{ items?: { labOrgId?: string; id?: string }[] }>(url, caller.token);
          sent += 1;
          const problem = /application\/problem\+json/.test(String(res.headers['content-type']));
          if (res.status >= 500 || (res.status >= 400 && !problem)) failures.push(`${url.slice(0, 140)} as ${caller.role} → ${res.status} ${res.text.slice(0, 120)}`);
          const items = res.status === 200 && Array.isArray(res.body?.items) ? res.body.items : [];
          if (caller.orgId && items.some((i) => i.id === foreignJob.id || (i.labOrgId !== undefined && i.labOrgId !== caller.orgId))) failures.push(`${url.slice(0, 140)} as ${caller.role} → another tenant's rows`);
        }
      }
    }
    console.log(`hostile query strings: ${readRoutes.length} read routes, ${sent} requests`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    // The unknown parameters were ignored: the lab's job list answers as without them.
    expect((await api.http.get(`/api/v1/jobs?${UNKNOWN}`, lab.adminToken)).status).toBe(200);
  }, 120_000);

  it('refuses a forged cursor, an unknown status filter and a duplicated parameter with 400 naming it', async () => {
    const forged = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
    const cases: [string, string, string][] = [
      [`/api/v1/jobs?cursor=${forged('2026-01-01T00:00:00.000Z', "x' OR 1=1")}`, lab.adminToken, 'cursor'],
      [`/api/v1/jobs?cursor=${forged('1', '00000000-0000-4000-8000-000000000000')}`, lab.adminToken, 'cursor'],
      [`/api/v1/orgs/${lab.orgId}/members?cursor=${forged('2026-01-01T00:00:00.000Z', 'nope')}`, lab.adminToken, 'cursor'],
      [`/api/v1/conflicts?cursor=${forged('2026-01-01T00:00:00.000Z', 'nope')}`, lab.adminToken, 'cursor'],
      [`/api/v1/entities?cursor=${forged('2026-01-01T00:00:00.000Z', 'nope')}`, admin.token, 'cursor'],
      [`/api/v1/jobs?status=${encodeURIComponent("draft' OR '1'='1")}`, lab.adminToken, 'status'],
      ['/api/v1/jobs?status=draft&status=published', lab.adminToken, 'status'],
      [`/api/v1/interests?entityId=${encodeURIComponent("x' OR 1=1")}`, admin.token, 'entityId'],
      [`/api/v1/interests?entityId=${lab.entityId}&asOf=2025-02-30`, lab.adminToken, 'asOf'],
      [`/api/v1/entities/${lab.entityId}/effective-owners?asOf=2025-02-30`, lab.adminToken, 'asOf'],
      [`/api/v1/audit?subject=${encodeURIComponent('org:\u0000')}`, admin.token, 'subject'],
    ];
    const failures: string[] = [];
    for (const [url, token, field] of cases) {
      const res = await api.http.get<{ errors?: { path: string }[] }>(url, token);
      if (res.status !== 400 || !res.body.errors?.some((e) => e.path === field)) failures.push(`${url} → ${res.status} ${res.text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a NUL character in an otherwise valid body with 400 naming the field, changing nothing', async () => {
    const N = 'a\u0000b';
    const job = { title: 'Valid', instructions: 'x', taskType: 'classification', schema: { labels: ['a', 'b'] }, overlap: 1, pricePerAnswer: 0.1 };
    const cases: [string, string, unknown, string, string][] = [
      ['POST', '/api/v1/auth/register', { email: 'nul-1@example.test', password: 'correct-horse-battery', displayName: 'x', orgName: `Org ${N}`, orgKind: 'lab' }, '', 'orgName'],
      ['POST', '/api/v1/auth/login', { email: `n${N}@x.test`, password: 'whatever-it-is' }, '', 'email'],
      ['POST', `/api/v1/orgs/${lab.orgId}/members`, { email: 'nul-2@example.test', password: 'correct-horse-battery', displayName: N, role: 'lab_member' }, lab.adminToken, 'displayName'],
      ['POST', '/api/v1/jobs', { ...job, title: N }, lab.adminToken, 'title'],
      ['POST', '/api/v1/jobs', { ...job, schema: { labels: ['a', N] } }, lab.adminToken, 'schema.labels[1]'],
      ['POST', '/api/v1/entities', { name: N, kind: 'fund' }, admin.token, 'name'],
      ['PUT', '/api/v1/vendor/profile', { skills: ['classification'], languages: ['en'], capacityPerHour: 1, prices: { classification: 0.1 }, [`x${N}`]: 1 }, vendor.adminToken, `x${N}`],
    ];
    const before = await fingerprint(api.dataSource);
    const failures: string[] = [];
    for (const [method, url, body, token, field] of cases) {
      const res = await api.http.request<{ errors?: { path: string }[] }>(method as 'POST' | 'PUT', url, { body, token: token || undefined });
      if (res.status !== 400 || !res.body.errors?.some((e) => e.path === field)) failures.push(`${method} ${url} → ${res.status} ${res.text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await fingerprint(api.dataSource))).toEqual([]);
  });
});
