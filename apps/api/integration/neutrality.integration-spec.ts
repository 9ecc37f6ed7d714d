import type { INestApplicationContext } from '@nestjs/common';
import type { AuditVerifyResponse, ConflictPolicyView, ConflictView, EffectiveOwnerView, EntityView, InterestView, Page, ProblemDetails, VendorListItem } from '@quorum/contracts';
import { NeutralityService } from '@quorum/api/neutrality';
import { addMember, eventually, outboxSettled, registerTenant, startTestWorker, TestTenant } from '@quorum/api/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPlatformUser, startTestApi, TestApi } from './support/test-app';

const FIXTURES = join(__dirname, '../../../libs/api/registry/src/lib/bods/fixtures');
const today = () => new Date().toISOString().slice(0, 10);

describe('ownership registry and neutrality engine (real Postgres + Redis + worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: { token: string; userId: string };
  let auditor: { token: string };
  let northwind: TestTenant; // the lab that buys work
  let helios: TestTenant; // its competitor, which takes a stake in the vendor
  let lattice: TestTenant; // the vendor
  let fernway: TestTenant; // a neutral vendor

  const conflictsOf = async (lab: TestTenant, query = '') =>
    (await api.http.get<Page<ConflictView>>(`/api/v1/conflicts?labOrgId=${lab.orgId}${query}`, lab.adminToken)).body.items;
  const interest = (body: Record<string, unknown>) => api.http.post<InterestView>('/api/v1/interests', { source: { description: 'integration test' }, ...body }, admin.token);

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    admin = await createPlatformUser(api, 'platform_admin');
    auditor = await createPlatformUser(api, 'auditor');
    northwind = await registerTenant(api.http, { orgKind: 'lab', orgName: `Northwind ${Date.now()}` });
    helios = await registerTenant(api.http, { orgKind: 'lab', orgName: `Helios ${Date.now()}` });
    lattice = await registerTenant(api.http, { orgKind: 'vendor', orgName: `Lattice ${Date.now()}` });
    fernway = await registerTenant(api.http, { orgKind: 'vendor', orgName: `Fernway ${Date.now()}` });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  describe('conflict policy', () => {
    it('starts from the defaults a lab would pick', async () => {
      const res = await api.http.get<ConflictPolicyView>(`/api/v1/labs/${northwind.orgId}/conflict-policy`, northwind.adminToken);
      expect(res.body).toMatchObject({ competitors: 'all-labs', economicThreshold: 10, votingThreshold: 10, boardSeat: 'block', agreements: 'flag', onConflict: 'block', version: 0 });
    });

    it('validates every field, hides other labs’ policies and lets only the lab admin change it', async () => {
      const bad = await api.http.put<ProblemDetails>(`/api/v1/labs/${northwind.orgId}/conflict-policy`, { competitors: 'some', economicThreshold: 150, votingThreshold: -1, boardSeat: 'maybe', agreements: 'flag', onConflict: 'allow' }, northwind.adminToken);
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['boardSeat', 'competitors', 'economicThreshold', 'onConflict', 'votingThreshold']);
      expect((await api.http.get(`/api/v1/labs/${northwind.orgId}/conflict-policy`, helios.adminToken)).status).toBe(404);
      const member = await addMember(api.http, northwind, 'lab_member');
      const policy = { competitors: 'all-labs', economicThreshold: 10, votingThreshold: 10, boardSeat: 'block', agreements: 'flag', onConflict: 'block' };
      expect((await api.http.put(`/api/v1/labs/${northwind.orgId}/conflict-policy`, policy, member.token)).status).toBe(403);
      const ok = await api.http.put<ConflictPolicyView>(`/api/v1/labs/${northwind.orgId}/conflict-policy`, policy, northwind.adminToken);
      expect(ok.status).toBe(200);
      expect(ok.body.version).toBe(1);
    });
  });

  describe('registry writes', () => {
    it('validate shares, types and parties, listing each error', async () => {
      const res = await api.http.post<ProblemDetails>(
        '/api/v1/interests',
        { interestedPartyId: helios.entityId, subjectId: '00000000-0000-4000-8000-000000000000', type: 'shareholding', share: { exact: 120, minimum: 10 }, source: { description: 'x' } },
        admin.token,
      );
      expect(res.status).toBe(400);
      const paths = res.body.errors?.map((e) => e.path) ?? [];
      expect(paths).toEqual(expect.arrayContaining(['subjectId', 'share.exact']));
      expect(res.body.errors?.some((e) => /exact/.test(e.message) && /minimum|bound/.test(e.message))).toBe(true);
      const band = await interest({ interestedPartyId: helios.entityId, subjectId: lattice.entityId, type: 'shareholding', share: { minimum: 40, maximum: 20 } });
      expect(band.status).toBe(400);
      const type = await interest({ interestedPartyId: helios.entityId, subjectId: lattice.entityId, type: 'friendship' });
      expect(type.status).toBe(400);
      expect((type.body as unknown as ProblemDetails).errors?.[0].path).toBe('type');
      const noSource = await api.http.post<ProblemDetails>('/api/v1/interests', { interestedPartyId: helios.entityId, subjectId: lattice.entityId, type: 'shareholding' }, admin.token);
      expect(noSource.body.errors?.map((e) => e.path)).toContain('source');
    });

    it('are for platform admins only', async () => {
      const asLab = await api.http.post('/api/v1/interests', { interestedPartyId: helios.entityId, subjectId: lattice.entityId, type: 'shareholding', share: { exact: 5 }, source: { description: 'x' } }, northwind.adminToken);
      expect(asLab.status).toBe(403);
      expect((await api.http.post('/api/v1/entities', { name: 'X', kind: 'fund' }, auditor.token)).status).toBe(403);
    });
  });

  describe('the motivating case: a competitor takes a stake in the vendor', () => {
    let stake: InterestView;
    let ceo: EntityView;

    it('opens a blocking conflict for the other lab within moments, and only for it', async () => {
      const started = Date.now();
      stake = (await interest({ interestedPartyId: helios.entityId, subjectId: lattice.entityId, type: 'shareholding', share: { exact: 49 }, startDate: '2025-06-01', details: 'non-voting' })).body;
      await eventually(async () => (await conflictsOf(northwind, '&status=open')).find((c) => c.rule === 'economic' && c.vendorOrgId === lattice.orgId));
      expect(Date.now() - started).toBeLessThan(10_000);
      // Non-voting: once the votingRights statement is in, no voting conflict remains.
      await interest({ interestedPartyId: helios.entityId, subjectId: lattice.entityId, type: 'votingRights', share: { exact: 0 }, startDate: '2025-06-01' });
      await outboxSettled(api.dataSource);
      const open = await conflictsOf(northwind, `&status=open&vendorOrgId=${lattice.orgId}`);
      expect(open.map((c) => c.rule)).toEqual(['economic']);
      expect(open[0]).toMatchObject({ labOrgId: northwind.orgId, vendorOrgId: lattice.orgId, severity: 'block', status: 'open', evidence: { competitorEntityId: helios.entityId, economic: { min: 49, max: 49 }, voting: { min: 0, max: 0 }, certainty: 'confirmed' } });
      expect(open[0].evidence.interestIds).toContain(stake.id);
      // Helios is not its own competitor; the neutral vendor is untouched.
      expect(await conflictsOf(helios, `&vendorOrgId=${lattice.orgId}`)).toEqual([]);
      expect((await conflictsOf(northwind)).filter((c) => c.vendorOrgId === fernway.orgId)).toEqual([]);
    });

    it('shows the vendor as blocked in the lab’s marketplace, with the reason', async () => {
      const res = await api.http.get<{ items: VendorListItem[] }>('/api/v1/vendors', northwind.adminToken);
      const byId = new Map(res.body.items.map((v) => [v.orgId, v]));
      expect(byId.get(lattice.orgId)?.neutrality.status).toBe('blocked');
      expect(byId.get(lattice.orgId)?.neutrality.conflicts[0].rule).toBe('economic');
      expect(byId.get(fernway.orgId)?.neutrality).toEqual({ status: 'clear', conflicts: [] });
      expect((await api.http.get('/api/v1/vendors', lattice.adminToken)).status).toBe(403);
    });

    it('explains the figure through effective owners, as of any date', async () => {
      const now = await api.http.get<{ items: EffectiveOwnerView[] }>(`/api/v1/entities/${lattice.entityId}/effective-owners`, northwind.adminToken);
      const owner = now.body.items.find((o) => o.entityId === helios.entityId);
      expect(owner).toMatchObject({ economic: { min: 49, max: 49 }, voting: { min: 0, max: 0 }, controls: false });
      expect(owner?.paths[0][0]).toMatchObject({ from: helios.entityId, to: lattice.entityId, type: 'shareholding', interestId: stake.id });
      const before = await api.http.get<{ items: EffectiveOwnerView[] }>(`/api/v1/entities/${lattice.entityId}/effective-owners?asOf=2025-01-01`, admin.token);
      expect(before.body.items.find((o) => o.entityId === helios.entityId)).toBeUndefined();
      // A vendor cannot look at another vendor's owners; a bad date is a 400.
      expect((await api.http.get(`/api/v1/entities/${lattice.entityId}/effective-owners`, fernway.adminToken)).status).toBe(404);
      expect((await api.http.get(`/api/v1/entities/${lattice.entityId}/effective-owners?asOf=yesterday`, admin.token)).status).toBe(400);
    });

    it('finds the board interlock through a person who is the vendor’s director and the competitor’s officer', async () => {
      ceo = (await api.http.post<EntityView>('/api/v1/entities', { name: 'Dana Former-CEO', kind: 'person' }, admin.token)).body;
      await interest({ interestedPartyId: ceo.id, subjectId: lattice.entityId, type: 'boardMember', startDate: '2020-01-01' });
      await interest({ interestedPartyId: ceo.id, subjectId: helios.entityId, type: 'seniorManagingOfficial', startDate: '2025-06-13' });
      await outboxSettled(api.dataSource);
      const board = await eventually(async () => (await conflictsOf(northwind, `&status=open&vendorOrgId=${lattice.orgId}`)).find((c) => c.rule === 'board'));
      expect(board).toMatchObject({ severity: 'block', evidence: { boardSeats: 1, seats: [expect.objectContaining({ personId: ceo.id })] } });
    });

    it('resolves the economic conflict by itself when the stake ends, and keeps the chain valid', async () => {
      const ended = await api.http.post<InterestView>(`/api/v1/interests/${stake.id}/end`, { endDate: today() }, admin.token);
      expect(ended.status).toBe(200);
      expect(ended.body.endDate).toBe(today());
      expect((await api.http.post(`/api/v1/interests/${stake.id}/end`, { endDate: today() }, admin.token)).status).toBe(409);
      await eventually(async () => (await conflictsOf(northwind, '&status=resolved')).find((c) => c.rule === 'economic' && c.vendorOrgId === lattice.orgId));
      await outboxSettled(api.dataSource);
      expect((await conflictsOf(northwind, `&status=open&vendorOrgId=${lattice.orgId}`)).map((c) => c.rule)).toEqual(['board']);
      const verify = await api.http.get<AuditVerifyResponse>('/api/v1/audit/verify', auditor.token);
      expect(verify.body).toMatchObject({ valid: true, firstInvalidSeq: null });
      const events = await api.dataSource.query(`SELECT type FROM audit_events WHERE type IN ('interest.recorded', 'interest.ended', 'conflict.opened', 'conflict.resolved', 'neutrality.changed', 'policy.changed')`);
      expect(new Set(events.map((e: { type: string }) => e.type))).toEqual(new Set(['interest.recorded', 'interest.ended', 'conflict.opened', 'conflict.resolved', 'neutrality.changed', 'policy.changed']));
    });

    it('waives a blocking conflict only with a justification, an expiry and a second approver', async () => {
      const [board] = (await conflictsOf(northwind, `&status=open&vendorOrgId=${lattice.orgId}`)).filter((c) => c.rule === 'board');
      const empty = await api.http.post<ProblemDetails>(`/api/v1/conflicts/${board.id}/waive`, { justification: '   ', expiresAt: '2027-01-01T00:00:00Z' }, northwind.adminToken);
      expect(empty.status).toBe(400);
      expect(empty.body.errors?.[0].path).toBe('justification');
      expect((await api.http.post(`/api/v1/conflicts/${board.id}/waive`, { justification: 'ok', expiresAt: '2020-01-01T00:00:00Z' }, northwind.adminToken)).status).toBe(422);
      expect((await api.http.post(`/api/v1/conflicts/${board.id}/waive`, { justification: 'ours now', expiresAt: '2027-01-01T00:00:00Z' }, helios.adminToken)).status).toBe(404);

      const requested = await api.http.post<ConflictView>(`/api/v1/conflicts/${board.id}/waive`, { justification: 'Director recused from all Northwind matters; attested 2026-11-20', expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString() }, northwind.adminToken);
      expect(requested.status).toBe(200);
      expect(requested.body).toMatchObject({ status: 'open', waiver: { status: 'pending' } });
      expect((await api.http.post(`/api/v1/conflicts/${board.id}/waiver/approve`, {}, northwind.adminToken)).status).toBe(403);
      const approved = await api.http.post<ConflictView>(`/api/v1/conflicts/${board.id}/waiver/approve`, {}, admin.token);
      expect(approved.body).toMatchObject({ status: 'waived', waiver: { status: 'active', approvedBy: admin.userId } });
      const vendors = await api.http.get<{ items: VendorListItem[] }>('/api/v1/vendors', northwind.adminToken);
      expect(vendors.body.items.find((v) => v.orgId === lattice.orgId)?.neutrality.status).toBe('clear');
    });

    it('re-opens the conflict when its waiver expires', async () => {
      const [board] = await conflictsOf(northwind, `&status=waived&vendorOrgId=${lattice.orgId}`);
      await api.dataSource.query(`UPDATE waivers SET expires_at = now() - interval '1 second' WHERE conflict_id = $1`, [board.id]);
      const expired = await api.http.post('/api/v1/neutrality/evaluate', {}, admin.token);
      expect(expired.status).toBe(202);
      await worker.get(NeutralityService).expireWaivers();
      const [reopened] = (await conflictsOf(northwind, '&status=open')).filter((c) => c.id === board.id);
      expect(reopened.waiver?.status).toBe('expired');
      const vendors = await api.http.get<{ items: VendorListItem[] }>('/api/v1/vendors', northwind.adminToken);
      expect(vendors.body.items.find((v) => v.orgId === lattice.orgId)?.neutrality.status).toBe('blocked');
    });
  });

  describe('BODS 0.4 import and export', () => {
    it('imports a real example, reports nothing bad, and skips it the second time', async () => {
      const text = readFileSync(join(FIXTURES, 'bods-package-fi-soe.json'), 'utf8');
      const first = await api.http.request<{ imported: number; skipped: number; errors: unknown[] }>('POST', '/api/v1/interests/import', { rawBody: text, token: admin.token, headers: { 'content-type': 'application/json' } });
      expect(first.status).toBe(200);
      expect(first.body.errors).toEqual([]);
      expect(first.body.imported).toBeGreaterThan(0);
      const again = await api.http.request<{ imported: number; skipped: number }>('POST', '/api/v1/interests/import', { rawBody: text, token: admin.token, headers: { 'content-type': 'application/json' } });
      expect(again.body).toMatchObject({ imported: 0, skipped: first.body.imported });
      const [gasgrid] = await api.dataSource.query(`SELECT id FROM entities WHERE name ILIKE 'Gasgrid%'`);
      const [ministry] = await api.dataSource.query(`SELECT id FROM entities WHERE name ILIKE 'Valtiovarainministeri%'`);
      const owners = await api.http.get<{ items: EffectiveOwnerView[] }>(`/api/v1/entities/${gasgrid.id}/effective-owners`, admin.token);
      const m = owners.body.items.find((o) => o.entityId === ministry.id);
      expect(m?.economic?.min).toBeCloseTo(100, 6);
    });

    it('reports each bad statement by index and imports the rest (JSON Lines)', async () => {
      const good = { statementId: 'a'.repeat(40), statementDate: '2026-01-01', recordId: 'jl-ent-1', recordType: 'entity', recordStatus: 'new', declarationSubject: 'jl-ent-1', publicationDetails: { publicationDate: '2026-01-02', bodsVersion: '0.4', publisher: { name: 'test' } }, recordDetails: { isComponent: false, entityType: { type: 'registeredEntity' }, name: 'JSON Lines Holdings' } };
      const body = [JSON.stringify(good), '{ not json', JSON.stringify({ ...good, statementId: 'b'.repeat(40), recordId: 'jl-ent-2', recordType: 'spaceship' })].join('\n');
      const res = await api.http.request<{ imported: number; errors: { index: number; message: string }[] }>('POST', '/api/v1/interests/import', { rawBody: body, token: admin.token, headers: { 'content-type': 'application/x-ndjson' } });
      expect(res.status).toBe(200);
      expect(res.body.imported).toBe(1);
      expect(res.body.errors.map((e) => e.index)).toEqual([1, 2]);
    });

    it('exports the registry as BODS 0.4 statements', async () => {
      const res = await api.http.get<Record<string, unknown>[]>('/api/v1/registry/bods', auditor.token);
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThan(0);
      expect(res.body.every((s) => (s['publicationDetails'] as { bodsVersion: string }).bodsVersion === '0.4')).toBe(true);
      expect(new Set(res.body.map((s) => s['recordType']))).toEqual(new Set(['entity', 'person', 'relationship']));
    });
  });
});
