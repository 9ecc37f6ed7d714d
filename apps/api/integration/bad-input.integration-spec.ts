import type { Role } from '@quorum/contracts';
import { addMember, registerTenant } from '@quorum/api/testing';
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
  { name: 'unicode edge cases', raw: JSON.stringify({ name: '\u0000\ud800\u202e𝕏', email: 'a\u0000@b.c', title: '\ud83d' }) },
  { name: 'prototype keys', raw: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
  { name: 'wrong content type', raw: 'a,b\n1,2', contentType: 'text/plain' },
];

describe('bad input on every write route', () => {
  let api: TestApi;
  let callers: { role: string; token: string }[];
  let writeRoutes: string[];
  /** Path ids: the callers' own lab and vendor, so requests get past the tenancy checks to validation. */
  let ids: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi();
    const lab = await registerTenant(api.http, { orgKind: 'lab' });
    const vendor = await registerTenant(api.http, { orgKind: 'vendor' });
    const annotator = await addMember(api.http, vendor, 'annotator' as Role);
    const admin = await createPlatformUser(api, 'platform_admin');
    callers = [
      { role: 'lab_admin', token: lab.adminToken },
      { role: 'vendor_admin', token: vendor.adminToken },
      { role: 'annotator', token: annotator.token },
      { role: 'platform_admin', token: admin.token },
    ];
    const doc = await api.http.get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
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
        for (const body of BODIES) {
          const res = await api.http.request(verb as 'POST' | 'PUT', path, { token: caller.token, rawBody: body.raw, headers: { 'content-type': body.contentType ?? 'application/json' } });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const problem = /application\/problem\+json/.test(String(res.headers['content-type']));
          if (res.status >= 500 || (res.status >= 400 && !problem)) failures.push(`${route} as ${caller.role} with ${body.name} → ${res.status} ${res.text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The corpus really reached the routes: validation (400) and media-type (415) refusals happened.
    expect(writeRoutes.length).toBeGreaterThan(30);
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(statuses.get(415)).toBeGreaterThan(0);
  }, 120_000);
});
