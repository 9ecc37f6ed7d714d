/** HTTP calls and the people of a fault scenario, all through the real API over loopback. */
import { randomBytes } from 'node:crypto';
import type { FaultStack } from './stack';
import { ADMIN_EMAIL, waitFor } from './stack';

export const PASSWORD = 'faults-password-1';

export interface Reply<T = unknown> {
  status: number;
  contentType: string;
  body: T;
  ms: number;
}

export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    raw?: string;
    contentType?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Reply<T>> {
  const started = performance.now();
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let payload: string | undefined = options.raw;
  if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const url = path.startsWith('/health') ? `${base}${path}` : `${base}/api/v1${path}`;
  const res = await fetch(url, {
    method,
    headers,
    body: payload,
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let body: unknown = text;
  if (text && /json/.test(contentType)) body = JSON.parse(text);
  return {
    status: res.status,
    contentType,
    body: body as T,
    ms: performance.now() - started,
  };
}

function must<T>(reply: Reply<T>, expected: number, what: string): T {
  if (reply.status !== expected) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
  return reply.body;
}

const unique = () => randomBytes(5).toString('hex');

export interface Org {
  orgId: string;
  token: string;
}

export async function registerOrg(stack: FaultStack, kind: 'lab' | 'vendor'): Promise<Org> {
  const id = unique();
  const body = must(
    await call<{ org: { id: string }; accessToken: string }>(stack.baseUrl, 'POST', '/auth/register', {
      body: {
        email: `${kind}-${id}@faults.test`,
        password: PASSWORD,
        displayName: `Faults ${kind}`,
        orgName: `Faults ${kind} ${id}`,
        orgKind: kind,
      },
    }),
    201,
    'register',
  );
  return { orgId: body.org.id, token: body.accessToken };
}

/** The scenarios' jobs use a language no seeded vendor speaks, so only their own vendors are routed. */
export const LANGUAGE = 'qu';

export async function registerVendor(stack: FaultStack, languages = [LANGUAGE]): Promise<Org> {
  const vendor = await registerOrg(stack, 'vendor');
  must(
    await call(stack.baseUrl, 'PUT', '/vendor/profile', {
      token: vendor.token,
      body: {
        skills: ['classification'],
        languages,
        capacityPerHour: 1000,
        prices: { classification: 0.02 },
      },
    }),
    200,
    'vendor profile',
  );
  return vendor;
}

export interface Annotator {
  id: string;
  vendorOrgId: string;
  token: string;
}

/** Members are created and logged in a few at a time: each costs an argon2 hash. */
export async function addAnnotators(stack: FaultStack, vendor: Org, n: number, parallel = 6): Promise<Annotator[]> {
  const out: Annotator[] = [];
  let next = 0;
  const one = async () => {
    while (next < n) {
      next += 1;
      const email = `ann-${unique()}@faults.test`;
      const created = must(
        await call<{ id: string }>(stack.baseUrl, 'POST', `/orgs/${vendor.orgId}/members`, {
          token: vendor.token,
          body: {
            email,
            password: PASSWORD,
            displayName: 'Annotator',
            role: 'annotator',
          },
        }),
        201,
        'add annotator',
      );
      const login = must(await call<{ accessToken: string }>(stack.baseUrl, 'POST', '/auth/login', { body: { email, password: PASSWORD } }), 200, 'login');
      out.push({
        id: created.id,
        vendorOrgId: vendor.orgId,
        token: login.accessToken,
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, one));
  return out;
}

export async function platformAdminToken(stack: FaultStack): Promise<string> {
  return must(
    await call<{ accessToken: string }>(stack.baseUrl, 'POST', '/auth/login', {
      body: { email: ADMIN_EMAIL, password: stack.adminPassword },
    }),
    200,
    'admin login',
  ).accessToken;
}

export const LABELS = ['a', 'b', 'c'];

/** A classification job with `items` items imported as JSON Lines, not yet published. */
export async function createJob(
  stack: FaultStack,
  lab: Org,
  options: {
    items: number;
    overlap?: number;
    leaseSeconds?: number;
    title?: string;
    language?: string;
  },
): Promise<string> {
  const overlap = options.overlap ?? 3;
  const job = must(
    await call<{ id: string }>(stack.baseUrl, 'POST', '/jobs', {
      token: lab.token,
      body: {
        title: options.title ?? `faults ${unique()}`,
        instructions: 'Pick the label that fits the text.',
        taskType: 'classification',
        schema: { labels: LABELS },
        overlap,
        minDistinctVendors: Math.min(overlap, 3),
        pricePerAnswer: 0.05,
        languages: [options.language ?? LANGUAGE],
        ...(options.leaseSeconds ? { leaseSeconds: options.leaseSeconds } : {}),
      },
    }),
    201,
    'create job',
  );
  const lines: string[] = [];
  for (let i = 0; i < options.items; i++)
    lines.push(
      JSON.stringify({
        externalId: `x-${i}`,
        data: { text: `message number ${i}` },
      }),
    );
  const imported = must(
    await call<{ accepted: number }>(stack.baseUrl, 'POST', `/jobs/${job.id}/items`, {
      token: lab.token,
      raw: lines.join('\n') + '\n',
      contentType: 'application/x-ndjson',
      timeoutMs: 120_000,
    }),
    200,
    'import items',
  );
  if (imported.accepted !== options.items) throw new Error(`imported ${imported.accepted} of ${options.items} items`);
  return job.id;
}

export async function publish(stack: FaultStack, lab: Org, jobId: string): Promise<void> {
  must(
    await call(stack.baseUrl, 'POST', `/jobs/${jobId}/publish`, {
      token: lab.token,
    }),
    202,
    'publish',
  );
}

/** Waits until every item has `overlap` slots, each with a vendor. */
export async function waitRouted(stack: FaultStack, jobId: string, items: number, overlap: number, timeoutMs: number): Promise<void> {
  await waitFor(
    `job ${jobId} routed`,
    async () => {
      const [{ n }] = await stack.query<{ n: number }>(`SELECT count(*) FILTER (WHERE vendor_org_id IS NOT NULL)::int AS n FROM slots WHERE job_id = $1`, [jobId]);
      return n === items * overlap;
    },
    timeoutMs,
    200,
  );
}

export interface Claim {
  assignmentId: string;
  item: { id: string };
}

export async function claim(stack: FaultStack, a: Annotator, jobId: string): Promise<Reply<Claim>> {
  return call<Claim>(stack.baseUrl, 'POST', '/tasks/next', {
    token: a.token,
    body: { jobId },
  });
}

export async function submit(stack: FaultStack, a: Annotator, assignmentId: string, key: string, label = 'a'): Promise<Reply<{ answerId: string }>> {
  return call<{ answerId: string }>(stack.baseUrl, 'POST', `/tasks/${assignmentId}/submit`, {
    token: a.token,
    body: { answer: { label }, timeSpentMs: 1200 },
    headers: { 'idempotency-key': key },
  });
}

/** Every annotator claims and submits on the job until nothing is left for them. Returns the acknowledged answer ids. */
export async function answerAll(stack: FaultStack, annotators: Annotator[], jobId: string): Promise<string[]> {
  const acknowledged: string[] = [];
  await Promise.all(
    annotators.map(async (a) => {
      for (;;) {
        const c = await claim(stack, a, jobId);
        if (c.status === 204) return;
        if (c.status !== 200) throw new Error(`claim: ${c.status} ${JSON.stringify(c.body)}`);
        const s = await submit(stack, a, c.body.assignmentId, c.body.assignmentId);
        if (s.status !== 201) throw new Error(`submit: ${s.status} ${JSON.stringify(s.body)}`);
        acknowledged.push(s.body.answerId);
      }
    }),
  );
  return acknowledged;
}

/** GET /audit/verify as platform admin. */
export async function auditVerify(stack: FaultStack, adminToken: string): Promise<{ valid: boolean; length: number; firstInvalidSeq: number | null }> {
  return must(
    await call<{
      valid: boolean;
      length: number;
      firstInvalidSeq: number | null;
    }>(stack.baseUrl, 'GET', '/audit/verify', { token: adminToken }),
    200,
    'audit verify',
  );
}
