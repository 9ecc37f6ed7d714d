import type { INestApplicationContext } from '@nestjs/common';
import { ROLES } from '@quorum/contracts';
import type { ConflictView, JobView, Page, ProblemDetails, VendorWorkItem, WebhookView } from '@quorum/contracts';
import { outboxSettled, startTestWorker, TEST_PASSWORD } from '@quorum/api/testing';
import { randomUUID } from 'node:crypto';
import { changedTables, fingerprint } from './support/fingerprint';
import { startTestApi, TestApi } from './support/test-app';
import { aJob, buildWorld, CALLERS, CallerKey, ROLE_OF, VENDOR_A_PROFILE, VENDOR_B_PROFILE, World } from './support/world';

/**
 * The authorization matrix: every route the OpenAPI document lists × every caller of the world
 * (each role, in the owning tenant and in a foreign one, plus platform staff) × no token. The table
 * below declares, per route, who gets through (and with which status) and who gets a 404; everyone
 * else must get a 403. A route missing from the table fails the suite, so a new route forces a
 * decision. Refused writes must leave the database untouched.
 */

type Method = 'GET' | 'POST' | 'PUT';
type Expect = number | readonly number[];

interface RouteRule {
  /** Concrete URL for the world (the object owned by lab A / vendor A / annotator A1). */
  url: (w: World) => string;
  /** A body that passes validation, so the authorization decision is what answers. */
  body?: (w: World, caller: CallerKey) => unknown;
  raw?: { contentType: string; text: string };
  /** Public routes: the same answer whoever calls, token or not. */
  public?: number;
  /** Callers that get through, with the status they get. */
  ok?: Partial<Record<CallerKey, Expect>>;
  /** Callers for whom the object does not exist (foreign tenant, or another annotator's). */
  notFound?: readonly CallerKey[];
  /** The allowed calls change state: they run after every refusal, in the order of `ok`. */
  mutates?: boolean;
  /** Where the allowed calls go instead of `url` (an object whose state stops the call after authorization). */
  okUrl?: (w: World) => string;
}

const LAB_A = ['labAdminA', 'labMemberA'] as const;
const LAB_B = ['labAdminB', 'labMemberB'] as const;
const VENDOR_A = ['vendorAdminA', 'annotatorA1', 'annotatorA2', 'reviewerA'] as const;
const VENDOR_B = ['vendorAdminB', 'annotatorB1', 'reviewerB'] as const;
const VENDORS = [...VENDOR_A, ...VENDOR_B] as const;
const STAFF = ['platformAdmin', 'auditor'] as const;
const all = <T extends CallerKey>(keys: readonly T[], status: Expect) => Object.fromEntries(keys.map((k) => [k, status])) as Partial<Record<CallerKey, Expect>>;

const JSONL = { contentType: 'application/x-ndjson', text: '{"externalId":"authz-new","data":{"text":"x"}}' };
const GOLD = { contentType: 'application/x-ndjson', text: '{"externalId":"authz-gold","data":{"text":"x"},"answer":{"label":"yes"}}' };
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const POLICY = { competitors: 'all-labs', economicThreshold: 10, votingThreshold: 10, boardSeat: 'block', agreements: 'flag', onConflict: 'block' };

const TABLE: Record<string, RouteRule> = {
  'GET /health': { url: () => '/health', public: 200 },
  // Right credentials (wrong ones would count against the address's login limit for the suites after this one).
  'POST /api/v1/auth/login': { url: () => '/api/v1/auth/login', body: (w) => ({ email: w.labA.email, password: TEST_PASSWORD }), public: 200 },
  // A platform org kind (or any role) cannot be self-registered.
  'POST /api/v1/auth/register': { url: () => '/api/v1/auth/register', body: () => ({ email: 'x-authz@example.test', password: 'correct-horse-battery', displayName: 'X', orgName: 'Authz platform', orgKind: 'platform' }), public: 400 },
  'GET /api/v1/auth/me': { url: () => '/api/v1/auth/me', ok: all(CALLERS, 200) },

  'GET /api/v1/admin/queues': { url: () => '/api/v1/admin/queues', ok: all(STAFF, 200) },
  'GET /api/v1/audit': { url: () => '/api/v1/audit', ok: all(STAFF, 200) },
  'GET /api/v1/audit/verify': { url: () => '/api/v1/audit/verify', ok: all(STAFF, 200) },
  'GET /api/v1/audit/checkpoints': { url: () => '/api/v1/audit/checkpoints', ok: all(STAFF, 200) },
  'POST /api/v1/audit/checkpoints': { url: () => '/api/v1/audit/checkpoints', body: () => ({}), ok: all(STAFF, 201), mutates: true },
  'POST /api/v1/audit/checkpoints/verify': { url: () => '/api/v1/audit/checkpoints/verify', body: () => ({ seq: 0, headHash: '0'.repeat(64), at: '2026-01-01T00:00:00.000Z', signature: '0'.repeat(64) }), ok: all(STAFF, 200) },
  'GET /api/v1/registry/bods': { url: () => '/api/v1/registry/bods', ok: all(STAFF, 200) },
  'GET /api/v1/neutrality/matrix': { url: () => '/api/v1/neutrality/matrix', ok: all(STAFF, 200) },
  'POST /api/v1/neutrality/evaluate': { url: () => '/api/v1/neutrality/evaluate', body: () => ({}), ok: { platformAdmin: 202 }, mutates: true },

  // Registry: platform admins write; an org reads its own node, a lab also the vendors.
  'GET /api/v1/entities': { url: () => '/api/v1/entities', ok: all(STAFF, 200) },
  'POST /api/v1/entities': { url: () => '/api/v1/entities', body: () => ({ name: 'Authz fund', kind: 'fund' }), ok: { platformAdmin: 201 }, mutates: true },
  'GET /api/v1/entities/{id}': { url: (w) => `/api/v1/entities/${w.labA.entityId}`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  'GET /api/v1/entities/{id}/effective-owners': { url: (w) => `/api/v1/entities/${w.labA.entityId}/effective-owners`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  'GET /api/v1/interests': { url: (w) => `/api/v1/interests?entityId=${w.labA.entityId}`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  // A missing subject: the platform admin gets past authorization to the 400.
  'POST /api/v1/interests': { url: () => '/api/v1/interests', body: (w) => ({ interestedPartyId: w.labA.entityId, subjectId: randomUUID(), type: 'shareholding', share: { exact: 1 }, source: { description: 'authz' } }), ok: { platformAdmin: 400 } },
  'POST /api/v1/interests/import': { url: () => '/api/v1/interests/import', body: () => [], ok: { platformAdmin: 200 }, mutates: true },
  'POST /api/v1/interests/{id}/end': { url: (w) => `/api/v1/interests/${w.stake.id}/end`, body: () => ({ endDate: '2000-01-01' }), ok: { platformAdmin: 400 } },

  // Jobs: lab A's; vendors use /vendor/work, so a job is a 404 to them.
  'GET /api/v1/jobs': { url: () => '/api/v1/jobs', ok: { ...all(LAB_A, 200), ...all(LAB_B, 200), ...all(STAFF, 200) } },
  'POST /api/v1/jobs': { url: () => '/api/v1/jobs', body: () => aJob({ title: 'Authz job (matrix)' }), ok: { ...all(LAB_A, 201), ...all(LAB_B, 201) }, mutates: true },
  'GET /api/v1/jobs/{id}': { url: (w) => `/api/v1/jobs/${w.jobA.id}`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  'GET /api/v1/jobs/{id}/results': { url: (w) => `/api/v1/jobs/${w.jobA.id}/results`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  'GET /api/v1/jobs/{id}/stats': { url: (w) => `/api/v1/jobs/${w.jobA.id}/stats`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  'POST /api/v1/jobs/{id}/items': { url: (w) => `/api/v1/jobs/${w.jobA.id}/items`, raw: JSONL, okUrl: (w) => `/api/v1/jobs/${w.jobACancelled.id}/items`, ok: all(LAB_A, 409), notFound: LAB_B },
  'POST /api/v1/jobs/{id}/gold': { url: (w) => `/api/v1/jobs/${w.jobA.id}/gold`, raw: GOLD, okUrl: (w) => `/api/v1/jobs/${w.jobACancelled.id}/gold`, ok: all(LAB_A, 409), notFound: LAB_B },
  'POST /api/v1/jobs/{id}/publish': { url: (w) => `/api/v1/jobs/${w.jobA.id}/publish`, body: () => ({}), okUrl: (w) => `/api/v1/jobs/${w.jobACancelled.id}/publish`, ok: all(LAB_A, 409), notFound: LAB_B },
  'POST /api/v1/jobs/{id}/pause': { url: (w) => `/api/v1/jobs/${w.jobA.id}/pause`, body: () => ({}), okUrl: (w) => `/api/v1/jobs/${w.jobACancelled.id}/pause`, ok: all(LAB_A, 409), notFound: LAB_B },
  'POST /api/v1/jobs/{id}/resume': { url: (w) => `/api/v1/jobs/${w.jobA.id}/resume`, body: () => ({}), okUrl: (w) => `/api/v1/jobs/${w.jobACancelled.id}/resume`, ok: all(LAB_A, 409), notFound: LAB_B },
  'POST /api/v1/jobs/{id}/cancel': { url: (w) => `/api/v1/jobs/${w.jobA.id}/cancel`, body: () => ({}), okUrl: (w) => `/api/v1/jobs/${w.jobACancelled.id}/cancel`, ok: all(LAB_A, 409), notFound: LAB_B },

  // Neutrality: a lab's policy and conflicts are its own; vendors do not see conflicts.
  'GET /api/v1/labs/{labOrgId}/conflict-policy': { url: (w) => `/api/v1/labs/${w.labA.orgId}/conflict-policy`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  'PUT /api/v1/labs/{labOrgId}/conflict-policy': { url: (w) => `/api/v1/labs/${w.labA.orgId}/conflict-policy`, body: () => POLICY, ok: { labAdminA: 200, platformAdmin: 200 }, notFound: [...LAB_B, ...VENDORS], mutates: true },
  'GET /api/v1/conflicts': { url: (w) => `/api/v1/conflicts?labOrgId=${w.labA.orgId}`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: LAB_B },
  'POST /api/v1/conflicts/{id}/acknowledge': { url: (w) => `/api/v1/conflicts/${w.conflictA.id}/acknowledge`, body: () => ({}), ok: { labAdminA: 200, platformAdmin: 409 }, notFound: [...LAB_B, ...VENDORS], mutates: true },
  // A blocking conflict: the lab admin's waiver waits for a second person.
  'POST /api/v1/conflicts/{id}/waive': { url: (w) => `/api/v1/conflicts/${w.conflictA.id}/waive`, body: () => ({ justification: 'authz matrix', expiresAt: inAWeek() }), ok: { labAdminA: 200, platformAdmin: 409 }, notFound: [...LAB_B, ...VENDORS], mutates: true },
  // Four eyes: the requester cannot approve their own waiver.
  'POST /api/v1/conflicts/{id}/waiver/approve': { url: (w) => `/api/v1/conflicts/${w.conflictA.id}/waiver/approve`, body: () => ({}), ok: { labAdminA: 403, platformAdmin: 200 }, notFound: [...LAB_B, ...VENDORS], mutates: true },
  'GET /api/v1/vendors': { url: (w) => `/api/v1/vendors?labOrgId=${w.labA.orgId}`, ok: { ...all(LAB_A, 200), ...all(LAB_B, 200), ...all(STAFF, 200) } },

  // Organizations: members and platform staff see an org; only its admin adds members.
  'GET /api/v1/orgs/{orgId}': { url: (w) => `/api/v1/orgs/${w.labA.orgId}`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  'GET /api/v1/orgs/{orgId}/members': { url: (w) => `/api/v1/orgs/${w.labA.orgId}/members`, ok: { ...all(LAB_A, 200), ...all(STAFF, 200) }, notFound: [...LAB_B, ...VENDORS] },
  'POST /api/v1/orgs/{orgId}/members': {
    url: (w) => `/api/v1/orgs/${w.labA.orgId}/members`,
    body: () => ({ email: `member-${randomUUID()}@example.test`, password: 'correct-horse-battery', displayName: 'New member', role: 'lab_member' }),
    ok: { labAdminA: 201 },
    // Platform staff see the org, so it is a 403 for them.
    notFound: [...LAB_B, ...VENDORS],
    mutates: true,
  },

  // Vendor side.
  'GET /api/v1/vendor/work': { url: () => '/api/v1/vendor/work', ok: all(VENDORS, 200) },
  'POST /api/v1/vendor/work/{jobId}/accept': { url: (w) => `/api/v1/vendor/work/${w.jobA.id}/accept`, body: () => ({}), ok: { vendorAdminA: 200 }, notFound: ['vendorAdminB'], mutates: true },
  'POST /api/v1/vendor/work/{jobId}/decline': { url: (w) => `/api/v1/vendor/work/${w.jobA.id}/decline`, body: () => ({}), ok: { vendorAdminA: 200 }, notFound: ['vendorAdminB'], mutates: true },
  'GET /api/v1/vendor/profile': { url: () => '/api/v1/vendor/profile', ok: all(VENDORS, 200) },
  'PUT /api/v1/vendor/profile': { url: () => '/api/v1/vendor/profile', body: (_, c) => (c === 'vendorAdminB' ? VENDOR_B_PROFILE : VENDOR_A_PROFILE), ok: { vendorAdminA: 200, vendorAdminB: 200 }, mutates: true },
  'GET /api/v1/vendor/earnings': { url: () => '/api/v1/vendor/earnings', ok: { vendorAdminA: 200, vendorAdminB: 200 } },

  // Annotators: an assignment is its annotator's; everyone else's is a 404.
  'POST /api/v1/tasks/next': { url: () => '/api/v1/tasks/next', body: (w) => ({ jobId: w.jobA.id }), ok: { annotatorA1: [200, 204], annotatorA2: [200, 204], reviewerA: [200, 204], annotatorB1: 204, reviewerB: 204 }, mutates: true },
  'GET /api/v1/tasks/stats': { url: () => '/api/v1/tasks/stats', ok: all(['annotatorA1', 'annotatorA2', 'reviewerA', 'annotatorB1', 'reviewerB'], 200) },
  'POST /api/v1/tasks/{id}/heartbeat': { url: (w) => `/api/v1/tasks/${w.heldA1[0]}/heartbeat`, body: () => ({}), ok: { annotatorA1: 200 }, notFound: ['annotatorA2', 'reviewerA', 'annotatorB1', 'reviewerB'], mutates: true },
  'POST /api/v1/tasks/{id}/submit': { url: (w) => `/api/v1/tasks/${w.heldA1[0]}/submit`, body: () => ({ answer: { label: 'yes' }, timeSpentMs: 900 }), ok: { annotatorA1: 201 }, notFound: ['annotatorA2', 'reviewerA', 'annotatorB1', 'reviewerB'], mutates: true },
  'POST /api/v1/tasks/{id}/skip': { url: (w) => `/api/v1/tasks/${w.heldA1[1]}/skip`, body: () => ({}), ok: { annotatorA1: 200 }, notFound: ['annotatorA2', 'reviewerA', 'annotatorB1', 'reviewerB'], mutates: true },
  'POST /api/v1/reviews/next': { url: () => '/api/v1/reviews/next', body: () => ({}), ok: { reviewerA: [200, 204], reviewerB: 204 }, mutates: true },
  'POST /api/v1/reviews/{id}/decision': { url: (w) => `/api/v1/reviews/${w.reviewA.reviewId}/decision`, body: () => ({ aggregate: { label: 'yes' } }), ok: { reviewerA: 200 }, notFound: ['reviewerB'], mutates: true },

  // Webhooks: the lab admin manages them; a foreign lab's webhook or delivery is a 404.
  'GET /api/v1/webhooks': { url: () => '/api/v1/webhooks', ok: { ...all(LAB_A, 200), ...all(LAB_B, 200) } },
  'POST /api/v1/webhooks': { url: () => '/api/v1/webhooks', body: (w) => ({ url: w.receiverUrl, events: ['job.completed'] }), ok: { labAdminA: 201, labAdminB: 201 }, mutates: true },
  'GET /api/v1/webhooks/{id}/deliveries': { url: (w) => `/api/v1/webhooks/${w.webhookA.id}/deliveries`, ok: all(LAB_A, 200), notFound: [...LAB_B, ...VENDORS, ...STAFF] },
  'POST /api/v1/webhooks/deliveries/{deliveryId}/replay': { url: (w) => `/api/v1/webhooks/deliveries/${w.deliveryA.id}/replay`, body: () => ({}), ok: { labAdminA: 202 }, notFound: ['labAdminB'], mutates: true },
  'POST /api/v1/webhooks/{id}/disable': { url: (w) => `/api/v1/webhooks/${w.webhookA.id}/disable`, body: () => ({}), ok: { labAdminA: 200 }, notFound: ['labAdminB'], mutates: true },
};

/** Mutating allowed calls run in this order (accept before decline, replay before disable, the review before anything re-routes). */
const FINAL_ORDER = [
  'POST /api/v1/tasks/{id}/heartbeat',
  'POST /api/v1/tasks/{id}/submit',
  'POST /api/v1/tasks/{id}/skip',
  'POST /api/v1/reviews/{id}/decision',
  'POST /api/v1/reviews/next',
  'POST /api/v1/tasks/next',
  'POST /api/v1/vendor/work/{jobId}/accept',
  'POST /api/v1/webhooks/deliveries/{deliveryId}/replay',
  'POST /api/v1/webhooks/{id}/disable',
  'POST /api/v1/webhooks',
  'POST /api/v1/conflicts/{id}/acknowledge',
  'POST /api/v1/conflicts/{id}/waive',
  'POST /api/v1/conflicts/{id}/waiver/approve',
  'PUT /api/v1/labs/{labOrgId}/conflict-policy',
  'PUT /api/v1/vendor/profile',
  'POST /api/v1/orgs/{orgId}/members',
  'POST /api/v1/jobs',
  'POST /api/v1/entities',
  'POST /api/v1/interests/import',
  'POST /api/v1/neutrality/evaluate',
  'POST /api/v1/audit/checkpoints',
  'POST /api/v1/vendor/work/{jobId}/decline',
];

const BATCH = 12;
const stripRequestId = (text: string) => text.replace(/"requestId":"[^"]*"/, '"requestId":"-"');

interface Call {
  route: string;
  caller: CallerKey | 'anonymous';
  expected: readonly number[];
  method: Method;
  url: string;
  body?: unknown;
  raw?: { contentType: string; text: string };
  headers?: Record<string, string>;
}

describe('authorization matrix (every route × role × own/foreign tenant)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let w: World;
  let served: string[];
  let routes: string[];
  let asserted = 0;
  const tally = new Map<number, number>();

  const send = (call: Call) => {
    const token = call.caller === 'anonymous' ? undefined : w.tokens[call.caller];
    const headers = { ...(call.headers ?? {}), ...(call.raw ? { 'content-type': call.raw.contentType } : {}) };
    return api.http.request<ProblemDetails>(call.method, call.url, { token, headers, ...(call.raw ? { rawBody: call.raw.text } : call.body !== undefined ? { body: call.body } : {}) });
  };

  /** Sends the calls in concurrent batches; returns the mismatches. */
  async function run(calls: Call[], concurrent = true): Promise<string[]> {
    const failures: string[] = [];
    const check = async (call: Call) => {
      const res = await send(call);
      asserted += 1;
      tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
      const problem = /application\/problem\+json/.test(String(res.headers['content-type']));
      if (!call.expected.includes(res.status) || (res.status >= 400 && !problem)) failures.push(`${call.route} as ${call.caller} → ${res.status} (expected ${call.expected.join('|')}) ${res.text.slice(0, 160)}`);
      return res;
    };
    if (!concurrent) {
      for (const call of calls) await check(call);
      return failures;
    }
    for (let i = 0; i < calls.length; i += BATCH) await Promise.all(calls.slice(i, i + BATCH).map(check));
    return failures;
  }

  const callFor = (route: string, caller: CallerKey | 'anonymous', expected: Expect, forOk = false): Call => {
    const rule = TABLE[route];
    const [method, template] = route.split(' ') as [Method, string];
    const url = forOk && rule.okUrl ? rule.okUrl(w) : rule.url(w);
    if (!url.split('?')[0].match(new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`))) throw new Error(`${route}: url ${url} does not fit the template`);
    const body = rule.raw ? undefined : rule.body ? rule.body(w, caller === 'anonymous' ? 'labAdminA' : caller) : method === 'GET' ? undefined : {};
    return { route, caller, expected: Array.isArray(expected) ? expected : [expected as number], method, url, body, raw: rule.raw };
  };

  /** Who is refused what: 401 without a token, the declared 404s, 403 for every other caller not allowed. */
  const refusals = (route: string): Call[] => {
    const rule = TABLE[route];
    if (rule.public !== undefined) return [];
    const calls = [callFor(route, 'anonymous', 401)];
    for (const caller of CALLERS) {
      if (rule.ok?.[caller] !== undefined) continue;
      calls.push(callFor(route, caller, rule.notFound?.includes(caller) ? 404 : 403));
    }
    return calls;
  };

  beforeAll(async () => {
    process.env['WEBHOOK_ALLOW_PRIVATE_TARGETS'] = 'true';
    api = await startTestApi();
    worker = await startTestWorker();
    w = await buildWorld(api);
    const doc = await api.http.get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
    served = Object.entries(doc.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((verb) => `${verb.toUpperCase()} ${path}`));
    // The other tests walk the declared routes; the first one fails on any route the table misses.
    routes = served.filter((r) => TABLE[r]);
  }, 120_000);

  afterAll(async () => {
    delete process.env['WEBHOOK_ALLOW_PRIVATE_TARGETS'];
    console.log(`authz matrix: ${routes?.length} routes × ${CALLERS.length + 1} callers; ${asserted} requests asserted; by status ${[...tally].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
    await w?.close();
    await worker?.close();
    await api?.close();
  });

  it('declares every route the API serves, and every role of the contracts has callers in the world', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...served].sort());
    expect([...new Set(Object.values(ROLE_OF))].sort()).toEqual([...ROLES].sort());
    for (const route of FINAL_ORDER) expect(TABLE[route]?.mutates).toBe(true);
    expect(Object.keys(TABLE).filter((r) => TABLE[r].mutates && !FINAL_ORDER.includes(r))).toEqual([]);
  });

  it('refuses reads with 401, 403 or 404 as declared, and lets the declared callers read', async () => {
    const reads = routes.filter((r) => r.startsWith('GET '));
    const calls = reads.flatMap((route) => [
      ...refusals(route),
      ...(TABLE[route].public !== undefined
        ? [callFor(route, 'anonymous', TABLE[route].public as number), ...CALLERS.map((c) => callFor(route, c, TABLE[route].public as number))]
        : Object.entries(TABLE[route].ok ?? {}).map(([c, s]) => callFor(route, c as CallerKey, s as Expect, true))),
    ]);
    const { failures, changed } = await (async () => {
      const before = await fingerprint(api.dataSource);
      const failures = await run(calls);
      return { failures, changed: changedTables(before, await fingerprint(api.dataSource)) };
    })();
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
    expect(calls.length).toBeGreaterThan(200);
  });

  it('refuses writes with 401, 403 or 404 as declared, and a refused write changes no row', async () => {
    await outboxSettled(api.dataSource);
    const writes = routes.filter((r) => !r.startsWith('GET '));
    const failures: string[] = [];
    const touched: string[] = [];
    for (const route of writes) {
      const calls = refusals(route);
      const before = await fingerprint(api.dataSource);
      failures.push(...(await run(calls)));
      const changed = changedTables(before, await fingerprint(api.dataSource));
      if (changed.length) touched.push(`${route}: ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(touched).toEqual([]);
  });

  it('answers a foreign object exactly like a missing one (status and body)', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const route of routes) {
      const rule = TABLE[route];
      if (!route.includes('{') && !rule.url(w).includes('?')) continue;
      for (const caller of rule.notFound ?? []) {
        const foreign = callFor(route, caller, 404);
        const ids = [w.labA.entityId, w.labA.orgId, w.jobA.id, w.stake.id, w.conflictA.id, w.heldA1[0], w.heldA1[1], w.reviewA.reviewId, w.webhookA.id, w.deliveryA.id];
        let missingUrl = foreign.url;
        for (const id of ids) missingUrl = missingUrl.split(id).join(randomUUID());
        if (missingUrl === foreign.url) throw new Error(`${route}: no id to replace in ${foreign.url}`);
        const [a, b] = await Promise.all([send(foreign), send({ ...foreign, url: missingUrl })]);
        asserted += 2;
        compared += 1;
        if (a.status !== 404 || b.status !== 404 || stripRequestId(a.text) !== stripRequestId(b.text)) mismatches.push(`${route} as ${caller}: ${a.status} ${a.text.slice(0, 120)} vs ${b.status} ${b.text.slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });

  it('lists only the caller’s own rows', async () => {
    const get = <T>(url: string, caller: CallerKey) => api.http.get<T>(url, w.tokens[caller]);
    const jobsB = await get<Page<JobView>>('/api/v1/jobs?limit=200', 'labAdminB');
    expect(jobsB.body.items.map((j) => j.id)).toContain(w.jobB.id);
    expect(jobsB.body.items.every((j) => j.labOrgId === w.labB.orgId)).toBe(true);
    const conflictsB = await get<Page<ConflictView>>('/api/v1/conflicts?limit=200', 'labAdminB');
    expect(conflictsB.body.items.every((c) => c.labOrgId === w.labB.orgId)).toBe(true);
    const conflictsA = await get<Page<ConflictView>>(`/api/v1/conflicts?vendorOrgId=${w.vendorB.orgId}`, 'labAdminA');
    expect(conflictsA.body.items.map((c) => c.id)).toContain(w.conflictA.id);
    expect((await get<{ items: VendorWorkItem[] }>('/api/v1/vendor/work', 'vendorAdminB')).body.items.map((i) => i.jobId)).not.toContain(w.jobA.id);
    expect((await get<{ items: VendorWorkItem[] }>('/api/v1/vendor/work', 'annotatorA1')).body.items.map((i) => i.jobId)).toContain(w.jobA.id);
    expect((await get<{ items: WebhookView[] }>('/api/v1/webhooks', 'labAdminB')).body.items.map((h) => h.id)).not.toContain(w.webhookA.id);
    // Every export format of lab A's results is a 404 to lab B and to the vendor that did the work.
    for (const format of ['jsonl', 'csv', 'preference-pairs']) {
      for (const caller of ['labMemberB', 'vendorAdminA', 'annotatorA1'] as const) expect((await get(`/api/v1/jobs/${w.jobA.id}/results?format=${format}`, caller)).status).toBe(404);
      expect((await get(`/api/v1/jobs/${w.jobA.id}/results?format=${format}`, 'labMemberA')).status).toBe(200);
    }
    asserted += 19;
  });

  it('ignores headers that claim another tenant or user', async () => {
    const claims = { 'x-tenant-id': w.labA.orgId, 'x-org-id': w.labA.orgId, 'x-user-id': w.userIds.labAdminA, 'x-forwarded-user': w.userIds.labAdminA };
    const failures = await run([
      { route: 'GET /jobs/{id}', caller: 'labAdminB', expected: [404], method: 'GET', url: `/api/v1/jobs/${w.jobA.id}`, headers: claims },
      { route: 'GET /labs/{id}/conflict-policy', caller: 'labMemberB', expected: [404], method: 'GET', url: `/api/v1/labs/${w.labA.orgId}/conflict-policy`, headers: claims },
      { route: 'POST /jobs/{id}/cancel', caller: 'labAdminB', expected: [404], method: 'POST', url: `/api/v1/jobs/${w.jobA.id}/cancel`, body: {}, headers: claims },
      { route: 'POST /vendor/work/{id}/accept', caller: 'vendorAdminB', expected: [404], method: 'POST', url: `/api/v1/vendor/work/${w.jobA.id}/accept`, body: {}, headers: { 'x-tenant-id': w.vendorA.orgId, 'x-org-id': w.vendorA.orgId } },
      { route: 'POST /tasks/{id}/submit', caller: 'annotatorA2', expected: [404], method: 'POST', url: `/api/v1/tasks/${w.heldA1[0]}/submit`, body: { answer: { label: 'no' }, timeSpentMs: 5 }, headers: { 'x-user-id': w.userIds.annotatorA1 } },
      { route: 'GET /audit', caller: 'labAdminA', expected: [403], method: 'GET', url: '/api/v1/audit', headers: { 'x-role': 'platform_admin', 'x-roles': 'platform_admin' } },
    ]);
    expect(failures).toEqual([]);
    const list = await api.http.request<Page<JobView>>('GET', '/api/v1/jobs?limit=200', { token: w.tokens.labAdminB, headers: claims });
    expect(list.body.items.some((j) => j.id === w.jobA.id)).toBe(false);
  });

  it('refuses role escalation through member creation and registration, changing nothing', async () => {
    const member = (role: string) => ({ email: `esc-${randomUUID()}@example.test`, password: 'correct-horse-battery', displayName: 'Escalation', role });
    const calls: Call[] = [
      // An org admin hands out only its own org kind's roles: platform roles and the other kind's are a domain-rule 422.
      ...['platform_admin', 'auditor', 'vendor_admin', 'annotator', 'reviewer'].map((role): Call => ({ route: `lab admin mints ${role}`, caller: 'labAdminA', expected: [422], method: 'POST', url: `/api/v1/orgs/${w.labA.orgId}/members`, body: member(role) })),
      ...['platform_admin', 'auditor', 'lab_admin', 'lab_member'].map((role): Call => ({ route: `vendor admin mints ${role}`, caller: 'vendorAdminA', expected: [422], method: 'POST', url: `/api/v1/orgs/${w.vendorA.orgId}/members`, body: member(role) })),
      // Members who are not admins add nobody, not even to their own org.
      ...(['lab_admin', 'platform_admin'] as const).map((role): Call => ({ route: `lab member mints ${role}`, caller: 'labMemberA', expected: [403], method: 'POST', url: `/api/v1/orgs/${w.labA.orgId}/members`, body: member(role) })),
      ...(['vendor_admin', 'platform_admin'] as const).map((role): Call => ({ route: `annotator mints ${role}`, caller: 'annotatorA1', expected: [403], method: 'POST', url: `/api/v1/orgs/${w.vendorA.orgId}/members`, body: member(role) })),
      { route: 'reviewer mints vendor_admin', caller: 'reviewerA', expected: [403], method: 'POST', url: `/api/v1/orgs/${w.vendorA.orgId}/members`, body: member('vendor_admin') },
      // An admin of another org, or platform staff, cannot add members to lab A.
      { route: 'lab B admin adds to lab A', caller: 'labAdminB', expected: [404], method: 'POST', url: `/api/v1/orgs/${w.labA.orgId}/members`, body: member('lab_admin') },
      { route: 'vendor admin adds to lab A', caller: 'vendorAdminA', expected: [404], method: 'POST', url: `/api/v1/orgs/${w.labA.orgId}/members`, body: member('lab_admin') },
      { route: 'platform admin adds a lab admin to lab A', caller: 'platformAdmin', expected: [403], method: 'POST', url: `/api/v1/orgs/${w.labA.orgId}/members`, body: member('lab_admin') },
      { route: 'auditor adds a platform admin to lab A', caller: 'auditor', expected: [403], method: 'POST', url: `/api/v1/orgs/${w.labA.orgId}/members`, body: member('platform_admin') },
      // Unknown roles and extra properties are validation errors.
      { route: 'lab admin mints superuser', caller: 'labAdminA', expected: [400], method: 'POST', url: `/api/v1/orgs/${w.labA.orgId}/members`, body: member('superuser') },
      { route: 'member with extra roles', caller: 'labAdminA', expected: [400], method: 'POST', url: `/api/v1/orgs/${w.labA.orgId}/members`, body: { ...member('lab_member'), roles: ['platform_admin'], orgId: w.labB.orgId } },
      { route: 'register as platform', caller: 'anonymous', expected: [400], method: 'POST', url: '/api/v1/auth/register', body: { email: `esc-${randomUUID()}@example.test`, password: 'correct-horse-battery', displayName: 'X', orgName: `Esc ${randomUUID()}`, orgKind: 'platform' } },
      { route: 'register with a role', caller: 'anonymous', expected: [400], method: 'POST', url: '/api/v1/auth/register', body: { email: `esc-${randomUUID()}@example.test`, password: 'correct-horse-battery', displayName: 'X', orgName: `Esc ${randomUUID()}`, orgKind: 'lab', role: 'platform_admin', roles: ['platform_admin'] } },
      // The only profile update route carries no roles.
      { route: 'vendor profile with a role', caller: 'vendorAdminA', expected: [400], method: 'PUT', url: '/api/v1/vendor/profile', body: { ...VENDOR_A_PROFILE, role: 'platform_admin', orgId: w.vendorB.orgId } },
      { route: 'policy with an org id', caller: 'labAdminA', expected: [400], method: 'PUT', url: `/api/v1/labs/${w.labA.orgId}/conflict-policy`, body: { ...POLICY, labOrgId: w.labB.orgId, updatedBy: w.userIds.platformAdmin } },
    ];
    const before = await fingerprint(api.dataSource);
    const failures = await run(calls, false);
    expect(failures).toEqual([]);
    expect(changedTables(before, await fingerprint(api.dataSource))).toEqual([]);
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE 'esc-%' OR 'platform_admin' = ANY(roles) AND org_id IN ($1, $2, $3, $4)`, [w.labA.orgId, w.labB.orgId, w.vendorA.orgId, w.vendorB.orgId]);
    expect(n).toBe(0);
  });

  it('lets the declared callers through on every write (state-changing calls last, in order)', async () => {
    const writes = routes.filter((r) => !r.startsWith('GET ') && TABLE[r].public === undefined);
    const quiet = writes.filter((r) => !TABLE[r].mutates).flatMap((route) => Object.entries(TABLE[route].ok ?? {}).map(([c, s]) => callFor(route, c as CallerKey, s as Expect, true)));
    const publicCalls = writes.length && routes.filter((r) => TABLE[r].public !== undefined && !r.startsWith('GET ')).flatMap((route) => [callFor(route, 'anonymous', TABLE[route].public as number), ...CALLERS.map((c) => callFor(route, c, TABLE[route].public as number))]);
    const before = await fingerprint(api.dataSource);
    const failures = await run(quiet);
    // Allowed probes that stop at a state check or a validation error keep the database as it was.
    const changed = changedTables(before, await fingerprint(api.dataSource));
    failures.push(...(await run(publicCalls || [])));
    const ordered = FINAL_ORDER.flatMap((route) => Object.entries(TABLE[route].ok ?? {}).map(([c, s]) => callFor(route, c as CallerKey, s as Expect, true)));
    failures.push(...(await run(ordered, false)));
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
    // The declined job left vendor A's work list; the submitted answer and the decided review are recorded.
    const [{ answers }] = await api.dataSource.query('SELECT count(*)::int AS answers FROM answers WHERE assignment_id = $1', [w.heldA1[0]]);
    expect(answers).toBe(1);
  });
});
