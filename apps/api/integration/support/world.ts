import type { ConflictView, ImportReport, InterestView, JobView, Page, ReviewView, Role, TaskView, WebhookDeliveryView, WebhookView } from '@quorum/contracts';
import { addMember, eventually, outboxSettled, registerTenant, TestTenant } from '@quorum/api/testing';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlatformUser, TestApi } from './test-app';

/**
 * Two labs, two vendors (each with its admin, annotators and reviewer) and platform staff, with
 * one object of every kind owned by lab A or vendor A: a job routed to vendor A only, assignments
 * held by annotator A1, a review leased to reviewer A, a webhook with a delivery, a conflict.
 * Lab B and vendor B are the foreign tenants.
 */
export const CALLERS = [
  'labAdminA',
  'labMemberA',
  'labAdminB',
  'labMemberB',
  'vendorAdminA',
  'annotatorA1',
  'annotatorA2',
  'reviewerA',
  'vendorAdminB',
  'annotatorB1',
  'reviewerB',
  'platformAdmin',
  'auditor',
] as const;
export type CallerKey = (typeof CALLERS)[number];

export const ROLE_OF: Record<CallerKey, Role> = {
  labAdminA: 'lab_admin',
  labMemberA: 'lab_member',
  labAdminB: 'lab_admin',
  labMemberB: 'lab_member',
  vendorAdminA: 'vendor_admin',
  annotatorA1: 'annotator',
  annotatorA2: 'annotator',
  reviewerA: 'reviewer',
  vendorAdminB: 'vendor_admin',
  annotatorB1: 'annotator',
  reviewerB: 'reviewer',
  platformAdmin: 'platform_admin',
  auditor: 'auditor',
};

/** Only this world's vendor A speaks Kalaallisut, so no other suite's vendor takes its work. */
export const WORLD_LANGUAGE = 'kl';
const LABELS = ['yes', 'no'];

export interface World {
  labA: TestTenant;
  labB: TestTenant;
  vendorA: TestTenant;
  vendorB: TestTenant;
  tokens: Record<CallerKey, string>;
  userIds: Record<CallerKey, string>;
  /** Lab A's published job, routed to vendor A only. */
  jobA: JobView;
  /** Lab A's cancelled job: lifecycle calls on it pass authorization and stop at the state check. */
  jobACancelled: JobView;
  /** Lab B's draft job. */
  jobB: JobView;
  /** Assignments annotator A1 holds (active). */
  heldA1: string[];
  /** The review of an item A1 and A2 disagreed on, leased to reviewer A. */
  reviewA: ReviewView;
  webhookA: WebhookView;
  deliveryA: WebhookDeliveryView;
  /** Lab A's blocking conflict with vendor B (lab B holds a stake in vendor B). */
  conflictA: ConflictView;
  stake: InterestView;
  receiverUrl: string;
  close: () => Promise<void>;
}

const jsonl = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n');

function must<T>(res: { status: number; body: T; text: string }, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
}

export function aJob(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: 'Authz job', instructions: 'Answer yes or no.', taskType: 'classification', schema: { labels: LABELS }, overlap: 2, minDistinctVendors: 1, pricePerAnswer: 0.05, languages: [WORLD_LANGUAGE], agreementThreshold: 0.9, leaseSeconds: 3600, ...over };
}

export const VENDOR_A_PROFILE = { skills: ['classification'], languages: [WORLD_LANGUAGE], capacityPerHour: 1000, prices: { classification: 0.02 } };
export const VENDOR_B_PROFILE = { skills: ['classification'], languages: ['ik'], capacityPerHour: 1000, prices: { classification: 0.02 } };

/** Needs WEBHOOK_ALLOW_PRIVATE_TARGETS=true when the API started (the receiver listens on loopback) and a running worker. */
export async function buildWorld(api: TestApi): Promise<World> {
  const receiver: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const http = api.http;
  const stamp = Date.now();

  const [labA, labB, vendorA, vendorB] = await Promise.all([
    registerTenant(http, { orgKind: 'lab', orgName: `Authz lab A ${stamp}` }),
    registerTenant(http, { orgKind: 'lab', orgName: `Authz lab B ${stamp}` }),
    registerTenant(http, { orgKind: 'vendor', orgName: `Authz vendor A ${stamp}` }),
    registerTenant(http, { orgKind: 'vendor', orgName: `Authz vendor B ${stamp}` }),
  ]);
  const [labMemberA, labMemberB, annotatorA1, annotatorA2, reviewerA, annotatorB1, reviewerB, platformAdmin, auditor] = await Promise.all([
    addMember(http, labA, 'lab_member'),
    addMember(http, labB, 'lab_member'),
    addMember(http, vendorA, 'annotator'),
    addMember(http, vendorA, 'annotator'),
    addMember(http, vendorA, 'reviewer'),
    addMember(http, vendorB, 'annotator'),
    addMember(http, vendorB, 'reviewer'),
    createPlatformUser(api, 'platform_admin'),
    createPlatformUser(api, 'auditor'),
  ]);
  const tokens: Record<CallerKey, string> = {
    labAdminA: labA.adminToken,
    labMemberA: labMemberA.token,
    labAdminB: labB.adminToken,
    labMemberB: labMemberB.token,
    vendorAdminA: vendorA.adminToken,
    annotatorA1: annotatorA1.token,
    annotatorA2: annotatorA2.token,
    reviewerA: reviewerA.token,
    vendorAdminB: vendorB.adminToken,
    annotatorB1: annotatorB1.token,
    reviewerB: reviewerB.token,
    platformAdmin: platformAdmin.token,
    auditor: auditor.token,
  };
  const userIds: Record<CallerKey, string> = {
    labAdminA: labA.adminId,
    labMemberA: labMemberA.id,
    labAdminB: labB.adminId,
    labMemberB: labMemberB.id,
    vendorAdminA: vendorA.adminId,
    annotatorA1: annotatorA1.id,
    annotatorA2: annotatorA2.id,
    reviewerA: reviewerA.id,
    vendorAdminB: vendorB.adminId,
    annotatorB1: annotatorB1.id,
    reviewerB: reviewerB.id,
    platformAdmin: platformAdmin.userId,
    auditor: auditor.userId,
  };

  must(await http.put('/api/v1/vendor/profile', VENDOR_A_PROFILE, vendorA.adminToken), 200, 'vendor A profile');
  must(await http.put('/api/v1/vendor/profile', VENDOR_B_PROFILE, vendorB.adminToken), 200, 'vendor B profile');
  const webhookA = must(await http.post<WebhookView>('/api/v1/webhooks', { url: receiverUrl, events: ['conflict.opened', 'item.completed', 'job.completed'] }, labA.adminToken), 201, 'webhook');

  // Lab B takes a stake in vendor B: with the default policy (every lab is a competitor) lab A has a blocking conflict with vendor B.
  const stake = must(
    await http.post<InterestView>('/api/v1/interests', { interestedPartyId: labB.entityId, subjectId: vendorB.entityId, type: 'shareholding', share: { exact: 49 }, startDate: '2025-01-01', source: { description: 'authz world' } }, platformAdmin.token),
    201,
    'stake',
  );
  const conflictA = await eventually(
    async () => (await http.get<Page<ConflictView>>(`/api/v1/conflicts?labOrgId=${labA.orgId}&vendorOrgId=${vendorB.orgId}&status=open`, labA.adminToken)).body.items[0],
    15_000,
  );

  const upload = async (job: JobView, n: number) =>
    must(
      await http.request<ImportReport>('POST', `/api/v1/jobs/${job.id}/items`, { rawBody: jsonl(Array.from({ length: n }, (_, i) => ({ externalId: `authz-${i}`, data: { text: `message ${i}` } }))), token: labA.adminToken, headers: { 'content-type': 'application/x-ndjson' } }),
      200,
      'items',
    );
  const jobA = must(await http.post<JobView>('/api/v1/jobs', aJob({ title: 'Authz job A' }), labA.adminToken), 201, 'job A');
  await upload(jobA, 4);
  must(await http.post(`/api/v1/jobs/${jobA.id}/publish`, {}, labA.adminToken), 202, 'publish A');
  const jobACancelled = must(await http.post<JobView>('/api/v1/jobs', aJob({ title: 'Authz job A (cancelled)' }), labA.adminToken), 201, 'job A cancelled');
  must(await http.post(`/api/v1/jobs/${jobACancelled.id}/cancel`, {}, labA.adminToken), 200, 'cancel');
  const jobB = must(await http.post<JobView>('/api/v1/jobs', aJob({ title: 'Authz job B' }), labB.adminToken), 201, 'job B');
  await eventually(async () => {
    const view = (await http.get<JobView>(`/api/v1/jobs/${jobA.id}`, labA.adminToken)).body;
    return view.routing.reduce((s, r) => s + r.slots, 0) === 8 ? view : null;
  }, 15_000);

  // A1 and A2 disagree on the first item (agreement 0.5 < 0.9: it goes to review); A1 then holds two more.
  const claim = async (token: string) => must(await http.post<TaskView>('/api/v1/tasks/next', { jobId: jobA.id }, token), 200, 'claim');
  const first = await claim(tokens.annotatorA1);
  const second = await claim(tokens.annotatorA2);
  if (first.item.id !== second.item.id) throw new Error('A1 and A2 were served different items');
  must(await http.post(`/api/v1/tasks/${first.assignmentId}/submit`, { answer: { label: 'yes' }, timeSpentMs: 1000 }, tokens.annotatorA1), 201, 'submit A1');
  must(await http.post(`/api/v1/tasks/${second.assignmentId}/submit`, { answer: { label: 'no' }, timeSpentMs: 1000 }, tokens.annotatorA2), 201, 'submit A2');
  const heldA1 = [(await claim(tokens.annotatorA1)).assignmentId, (await claim(tokens.annotatorA1)).assignmentId];
  await outboxSettled(api.dataSource);
  const reviewA = await eventually(async () => {
    const res = await http.post<ReviewView>('/api/v1/reviews/next', {}, tokens.reviewerA);
    return res.status === 200 ? res.body : null;
  }, 15_000);

  const deliveryA = await eventually(async () => {
    const res = await http.get<{ items: WebhookDeliveryView[] }>(`/api/v1/webhooks/${webhookA.id}/deliveries`, labA.adminToken);
    return res.body.items.find((d) => d.status === 'delivered');
  }, 15_000);
  await outboxSettled(api.dataSource);

  return {
    labA,
    labB,
    vendorA,
    vendorB,
    tokens,
    userIds,
    jobA,
    jobACancelled,
    jobB,
    heldA1,
    reviewA,
    webhookA,
    deliveryA,
    conflictA,
    stake,
    receiverUrl,
    close: () => new Promise<void>((r) => receiver.close(() => r())),
  };
}
