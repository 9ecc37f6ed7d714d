import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictPolicy,
  ConflictPolicyView,
  ConflictSeverity,
  ConflictStatus,
  ConflictView,
  CONFLICT_STATUSES,
  DEFAULT_CONFLICT_POLICY,
  EffectiveOwnerView,
  NeutralityMatrix,
  NeutralityStatus,
  Page,
  VendorListItem,
  WaiverView,
} from '@quorum/contracts';
import { AuditService, SYSTEM_ACTOR } from '@quorum/api/audit';
import { hasAnyRole, isPlatformStaff, Principal, RequestMeta } from '@quorum/api/auth';
import { decodeCursor, encodeCursor, pageLimit } from '@quorum/api/database';
import { conflict, domainRule, forbidden, isUuid, notFound, validationFailed } from '@quorum/api/errors';
import { WebhookEvents } from '@quorum/api/delivery';
import { OutboxService } from '@quorum/api/queue';
import { actorOf, RegistryService, today } from '@quorum/api/registry';
import { canonicalJson } from '@quorum/util';
import { DataSource, EntityManager } from 'typeorm';
import { ownersForConflictRules } from './conflict-owners';
import { evaluateConflictRules, Finding, neutralityStatusOf } from './conflict-rules';
import type { ConflictPolicyDto, WaiveConflictDto } from './neutrality.dto';

/** Serialises evaluations: each reads the registry and rewrites conflicts as one consistent step. */
const NEUTRALITY_LOCK = 0x4e45_5554; // "NEUT"
const MAX_WAIVER_DAYS = 366;

interface OrgRow {
  orgId: string;
  name: string;
  entityId: string;
}

interface ConflictRow {
  id: string;
  labOrgId: string;
  vendorOrgId: string;
  competitorEntityId: string;
  rule: ConflictView['rule'];
  severity: ConflictSeverity;
  status: ConflictStatus;
  evidence: ConflictView['evidence'];
  detectedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  labName: string;
  vendorName: string;
}

interface WaiverRow {
  id: string;
  conflictId: string;
  justification: string;
  expiresAt: Date;
  requestedBy: string;
  requestedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  revokedAt: Date | null;
  expiredAt: Date | null;
}

export interface EvaluationSummary {
  labs: number;
  vendors: number;
  opened: number;
  resolved: number;
  updated: number;
  decisionsChanged: number;
  ms: number;
}

const CONFLICT_SELECT = `
  SELECT c.id, c.lab_org_id AS "labOrgId", c.vendor_org_id AS "vendorOrgId", c.competitor_entity_id AS "competitorEntityId",
         c.rule, c.severity, c.status, c.evidence, c.detected_at AS "detectedAt", c.updated_at AS "updatedAt", c.resolved_at AS "resolvedAt",
         l.name AS "labName", v.name AS "vendorName"
    FROM conflicts c JOIN organizations l ON l.id = c.lab_org_id JOIN organizations v ON v.id = c.vendor_org_id`;

/** A flag's waiver is approved when requested; a block's waits for a second person. */
function toWaiverView(w: WaiverRow): WaiverView {
  const status: WaiverView['status'] = w.revokedAt
    ? 'revoked'
    : w.expiredAt || w.expiresAt.getTime() <= Date.now()
      ? 'expired'
      : w.approvedAt
        ? 'active'
        : 'pending';
  return {
    id: w.id,
    justification: w.justification,
    expiresAt: w.expiresAt.toISOString(),
    requestedBy: w.requestedBy,
    requestedAt: w.requestedAt.toISOString(),
    approvedBy: w.approvedBy,
    approvedAt: w.approvedAt?.toISOString() ?? null,
    status,
  };
}

@Injectable()
export class NeutralityService {
  private readonly logger = new Logger(NeutralityService.name);
  /** When the last committed full evaluation read the registry (ms since epoch). */
  private lastFullReadAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: RegistryService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly webhooks: WebhookEvents,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Policies
  // ---------------------------------------------------------------------------------------------

  private async assertLabVisible(principal: Principal, labOrgId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!isPlatformStaff(principal) && principal.orgId !== labOrgId) throw notFound('Lab');
    const [org] = await manager.query(`SELECT kind FROM organizations WHERE id = $1`, [labOrgId]);
    if (!org || org.kind !== 'lab') throw notFound('Lab');
  }

  async getPolicy(principal: Principal, labOrgId: string): Promise<ConflictPolicyView> {
    await this.assertLabVisible(principal, labOrgId);
    return this.currentPolicy(labOrgId);
  }

  private async currentPolicy(labOrgId: string, manager: EntityManager = this.dataSource.manager): Promise<ConflictPolicyView> {
    const [row] = await manager.query(
      `SELECT version, policy, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM conflict_policies WHERE lab_org_id = $1 ORDER BY version DESC LIMIT 1`,
      [labOrgId],
    );
    if (!row) return { labOrgId, ...DEFAULT_CONFLICT_POLICY, version: 0, updatedAt: null, updatedBy: null };
    return { labOrgId, ...(row.policy as ConflictPolicy), version: row.version, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
  }

  /** The current policy of each lab in one query (labs without one get the default, version 0). */
  private async currentPolicies(labOrgIds: string[], manager: EntityManager): Promise<Map<string, ConflictPolicyView>> {
    const rows: { labOrgId: string; version: number; policy: ConflictPolicy; updatedAt: Date; updatedBy: string }[] = await manager.query(
      `SELECT DISTINCT ON (lab_org_id) lab_org_id AS "labOrgId", version, policy, updated_at AS "updatedAt", updated_by AS "updatedBy"
         FROM conflict_policies WHERE lab_org_id = ANY($1::uuid[]) ORDER BY lab_org_id, version DESC`,
      [labOrgIds],
    );
    const byLab = new Map(rows.map((r) => [r.labOrgId, r]));
    return new Map(
      labOrgIds.map((labOrgId): [string, ConflictPolicyView] => {
        const row = byLab.get(labOrgId);
        if (!row) return [labOrgId, { labOrgId, ...DEFAULT_CONFLICT_POLICY, version: 0, updatedAt: null, updatedBy: null }];
        return [labOrgId, { labOrgId, ...row.policy, version: row.version, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy }];
      }),
    );
  }

  async putPolicy(principal: Principal, labOrgId: string, dto: ConflictPolicyDto, ctx: RequestMeta): Promise<ConflictPolicyView> {
    await this.assertLabVisible(principal, labOrgId);
    if (!(principal.orgId === labOrgId && principal.roles.includes('lab_admin')) && !principal.roles.includes('platform_admin')) {
      throw forbidden("Only the lab's admin can change its conflict policy");
    }
    if (Array.isArray(dto.competitors)) {
      const found: { id: string }[] = await this.dataSource.query('SELECT id FROM entities WHERE id = ANY($1::uuid[])', [dto.competitors]);
      const known = new Set(found.map((r) => r.id));
      const errors = dto.competitors.map((id, i) => (known.has(id) ? null : { path: `competitors[${i}]`, message: 'no entity with this id' })).filter((e) => e !== null);
      if (errors.length) throw validationFailed(errors);
    }
    const policy: ConflictPolicy = {
      competitors: Array.isArray(dto.competitors) ? [...new Set(dto.competitors)] : 'all-labs',
      economicThreshold: dto.economicThreshold,
      votingThreshold: dto.votingThreshold,
      boardSeat: dto.boardSeat,
      agreements: dto.agreements,
      onConflict: dto.onConflict,
    };
    const outboxId = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`policy:${labOrgId}`]);
      const current = await this.currentPolicy(labOrgId, manager);
      const version = current.version + 1;
      await manager.query(`INSERT INTO conflict_policies (lab_org_id, version, policy, updated_by) VALUES ($1, $2, $3, $4)`, [labOrgId, version, JSON.stringify(policy), principal.userId]);
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'policy.changed', subject: `lab:${labOrgId}`, data: { version, policy, previousVersion: current.version } });
      return this.outbox.add(manager, 'neutrality.evaluate', { reason: 'policy.changed', labOrgId });
    });
    await this.outbox.publish([outboxId]);
    return this.currentPolicy(labOrgId);
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation (worker)
  // ---------------------------------------------------------------------------------------------

  /**
   * Recomputes every (lab, vendor) finding from the registry as it stands today, opens new
   * conflicts, refreshes the evidence of live ones, resolves those whose cause is gone, and
   * records each change of a (lab, vendor) decision. Idempotent: running it twice changes nothing.
   */
  async evaluate(scope: { labOrgId?: string } = {}): Promise<EvaluationSummary> {
    const started = Date.now();
    const summary: EvaluationSummary = { labs: 0, vendors: 0, opened: 0, resolved: 0, updated: 0, decisionsChanged: 0, ms: 0 };
    let readAt = 0;
    let outboxIds: string[] = [];
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [NEUTRALITY_LOCK]);
      readAt = Date.now();
      const asOf = today();
      const orgs = async (kind: string): Promise<OrgRow[]> =>
        manager.query(`SELECT o.id AS "orgId", o.name, e.id AS "entityId" FROM organizations o JOIN entities e ON e.org_id = o.id WHERE o.kind = $1 ORDER BY o.created_at`, [kind]);
      const allLabs = await orgs('lab');
      const vendors = await orgs('vendor');
      const labs = scope.labOrgId ? allLabs.filter((l) => l.orgId === scope.labOrgId) : allLabs;
      summary.labs = labs.length;
      summary.vendors = vendors.length;
      if (!labs.length || !vendors.length) return;

      const graph = await this.registry.loadGraph(asOf, manager);
      const policies = await this.currentPolicies(labs.map((l) => l.orgId), manager);
      const competitorsOf = new Map<string, Set<string>>();
      for (const lab of labs) {
        const policy = policies.get(lab.orgId) ?? { ...DEFAULT_CONFLICT_POLICY, version: 0 };
        const ids = new Set(policy.competitors === 'all-labs' ? allLabs.filter((l) => l.orgId !== lab.orgId).map((l) => l.entityId) : policy.competitors);
        ids.delete(lab.entityId);
        competitorsOf.set(lab.orgId, ids);
      }
      // Every lab's policy against every vendor: the owners are computed once per vendor, and only
      // for competitors that can have a link with it (see ownersForConflictRules).
      const minEconomic = Math.min(...labs.map((l) => (policies.get(l.orgId) ?? DEFAULT_CONFLICT_POLICY).economicThreshold));
      const owners = ownersForConflictRules(graph, vendors.map((v) => v.entityId), [...competitorsOf.values()].flatMap((ids) => [...ids]), minEconomic, 3);
      const ownersByVendor = new Map<string, EffectiveOwnerView[]>(vendors.map((v) => [v.orgId, owners.get(v.entityId) ?? []]));

      const live: ConflictRow[] = await manager.query(`${CONFLICT_SELECT} WHERE c.status <> 'resolved' AND c.lab_org_id = ANY($1::uuid[])`, [labs.map((l) => l.orgId)]);
      const liveByKey = new Map(live.map((c) => [`${c.labOrgId}|${c.vendorOrgId}|${c.rule}|${c.competitorEntityId}`, c]));
      const seen = new Set<string>();
      const webhookOutbox: string[] = [];
      const system = SYSTEM_ACTOR('neutrality-evaluator');

      for (const lab of labs) {
        const policy = policies.get(lab.orgId) ?? { ...DEFAULT_CONFLICT_POLICY, version: 0 };
        const competitorIds = competitorsOf.get(lab.orgId) ?? new Set<string>();
        for (const vendor of vendors) {
          const findings: Finding[] = evaluateConflictRules({ policy, policyVersion: policy.version, competitorIds, owners: ownersByVendor.get(vendor.orgId) ?? [], asOf });
          for (const finding of findings) {
            const key = `${lab.orgId}|${vendor.orgId}|${finding.rule}|${finding.competitorEntityId}`;
            seen.add(key);
            const existing = liveByKey.get(key);
            if (!existing) {
              const [row] = await manager.query(
                `INSERT INTO conflicts (lab_org_id, vendor_org_id, competitor_entity_id, rule, severity, status, evidence) VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id`,
                [lab.orgId, vendor.orgId, finding.competitorEntityId, finding.rule, finding.severity, JSON.stringify(finding.evidence)],
              );
              await this.audit.append(manager, {
                actor: system,
                type: 'conflict.opened',
                subject: `conflict:${row.id}`,
                data: { labOrgId: lab.orgId, vendorOrgId: vendor.orgId, rule: finding.rule, severity: finding.severity, competitorEntityId: finding.competitorEntityId, economic: finding.evidence.economic, voting: finding.evidence.voting, boardSeats: finding.evidence.boardSeats, interestIds: finding.evidence.interestIds, policyVersion: policy.version, asOf },
              });
              webhookOutbox.push(
                ...(await this.webhooks.emit(manager, lab.orgId, 'conflict.opened', { conflictId: row.id, vendorOrgId: vendor.orgId, rule: finding.rule, severity: finding.severity, competitorName: finding.evidence.competitorName })),
              );
              summary.opened += 1;
            } else if (existing.severity !== finding.severity || comparable(existing.evidence) !== comparable(finding.evidence)) {
              await manager.query(`UPDATE conflicts SET severity = $2, evidence = $3, updated_at = now() WHERE id = $1`, [existing.id, finding.severity, JSON.stringify(finding.evidence)]);
              await this.audit.append(manager, { actor: system, type: 'conflict.updated', subject: `conflict:${existing.id}`, data: { severity: finding.severity, economic: finding.evidence.economic, voting: finding.evidence.voting, boardSeats: finding.evidence.boardSeats, policyVersion: policy.version, asOf } });
              summary.updated += 1;
            }
          }
        }
      }
      for (const [key, existing] of liveByKey) {
        if (seen.has(key)) continue;
        await manager.query(`UPDATE conflicts SET status = 'resolved', resolved_at = now(), updated_at = now() WHERE id = $1`, [existing.id]);
        await this.audit.append(manager, { actor: system, type: 'conflict.resolved', subject: `conflict:${existing.id}`, data: { labOrgId: existing.labOrgId, vendorOrgId: existing.vendorOrgId, rule: existing.rule, reason: 'cause no longer present', asOf } });
        summary.resolved += 1;
      }
      const refreshed = await this.refreshDecisions(manager, labs.map((l) => l.orgId), vendors.map((v) => v.orgId));
      summary.decisionsChanged = refreshed.changed;
      outboxIds = [...refreshed.outboxIds, ...webhookOutbox];
    });
    await this.outbox.publish(outboxIds);
    if (!scope.labOrgId) this.lastFullReadAt = Math.max(this.lastFullReadAt, readAt);
    summary.ms = Date.now() - started;
    this.logger.log({ ...summary, scope }, 'neutrality evaluated');
    return summary;
  }

  /**
   * Rewrites the (lab, vendor) decisions. Each change is an audit event and a
   * `routing.neutrality-changed` job in the outbox (same transaction), so open work leaves a newly
   * blocked vendor even if Redis is lost in between. Returns the outbox ids to publish after commit.
   */
  private async refreshDecisions(manager: EntityManager, labOrgIds: string[], vendorOrgIds: string[]): Promise<{ changed: number; outboxIds: string[] }> {
    const rows: { labOrgId: string; vendorOrgId: string; severity: ConflictSeverity; status: ConflictStatus }[] = await manager.query(
      `SELECT lab_org_id AS "labOrgId", vendor_org_id AS "vendorOrgId", severity, status FROM conflicts
        WHERE status <> 'resolved' AND lab_org_id = ANY($1::uuid[]) AND vendor_org_id = ANY($2::uuid[])`,
      [labOrgIds, vendorOrgIds],
    );
    const previous: { labOrgId: string; vendorOrgId: string; status: NeutralityStatus }[] = await manager.query(
      `SELECT lab_org_id AS "labOrgId", vendor_org_id AS "vendorOrgId", status FROM neutrality_decisions WHERE lab_org_id = ANY($1::uuid[]) AND vendor_org_id = ANY($2::uuid[])`,
      [labOrgIds, vendorOrgIds],
    );
    const before = new Map(previous.map((p) => [`${p.labOrgId}|${p.vendorOrgId}`, p.status]));
    const byPair = new Map<string, { severity: ConflictSeverity; status: string }[]>();
    for (const row of rows) {
      const key = `${row.labOrgId}|${row.vendorOrgId}`;
      byPair.set(key, [...(byPair.get(key) ?? []), row]);
    }
    let changed = 0;
    const outboxIds: string[] = [];
    const labs: string[] = [];
    const vendors: string[] = [];
    const statuses: string[] = [];
    for (const lab of labOrgIds) {
      for (const vendor of vendorOrgIds) {
        const key = `${lab}|${vendor}`;
        const status = neutralityStatusOf(byPair.get(key) ?? []);
        const was = before.get(key) ?? 'clear';
        if (status !== was) {
          changed += 1;
          await this.audit.append(manager, { actor: SYSTEM_ACTOR('neutrality-evaluator'), type: 'neutrality.changed', subject: `pair:${lab}:${vendor}`, data: { labOrgId: lab, vendorOrgId: vendor, from: was, to: status } });
          outboxIds.push(await this.outbox.add(manager, 'routing.neutrality-changed', { labOrgId: lab, vendorOrgId: vendor, from: was, to: status }));
        }
        labs.push(lab);
        vendors.push(vendor);
        statuses.push(status);
      }
    }
    await manager.query(
      `INSERT INTO neutrality_decisions (lab_org_id, vendor_org_id, status, evaluated_at, changed_at)
       SELECT l, v, s, now(), now() FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(l, v, s)
       ON CONFLICT (lab_org_id, vendor_org_id) DO UPDATE SET evaluated_at = now(),
         changed_at = CASE WHEN neutrality_decisions.status = EXCLUDED.status THEN neutrality_decisions.changed_at ELSE now() END,
         status = EXCLUDED.status`,
      [labs, vendors, statuses],
    );
    return { changed, outboxIds };
  }

  /**
   * True when a full evaluation that read the registry after `changeAt` has committed: a burst of
   * registry changes then costs one evaluation, not one per statement.
   */
  coveredSince(changeAt: number): boolean {
    return this.lastFullReadAt > changeAt;
  }

  // ---------------------------------------------------------------------------------------------
  // Conflicts and waivers
  // ---------------------------------------------------------------------------------------------

  async listConflicts(principal: Principal, query: { labOrgId?: string; vendorOrgId?: string; status?: string; cursor?: string; limit?: string }): Promise<Page<ConflictView>> {
    const errors = [];
    if (query.labOrgId && !isUuid(query.labOrgId)) errors.push({ path: 'labOrgId', message: 'labOrgId must be a UUID' });
    if (query.vendorOrgId && !isUuid(query.vendorOrgId)) errors.push({ path: 'vendorOrgId', message: 'vendorOrgId must be a UUID' });
    if (query.status && !(CONFLICT_STATUSES as readonly string[]).includes(query.status)) errors.push({ path: 'status', message: `status must be one of: ${CONFLICT_STATUSES.join(', ')}` });
    if (errors.length) throw validationFailed(errors);
    let labOrgId = query.labOrgId;
    if (!isPlatformStaff(principal)) {
      if (principal.orgKind !== 'lab') throw forbidden('Conflicts are visible to the lab they concern and to platform staff');
      if (labOrgId && labOrgId !== principal.orgId) throw notFound('Lab');
      labOrgId = principal.orgId;
    }
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (labOrgId) add('c.lab_org_id = ?', labOrgId);
    if (query.vendorOrgId) add('c.vendor_org_id = ?', query.vendorOrgId);
    if (query.status) add('c.status = ?', query.status);
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where.push(`(c.detected_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: ConflictRow[] = await this.dataSource.query(
      `${CONFLICT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.detected_at DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const items = await this.withWaivers(page);
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.detectedAt.toISOString(), id: last.id }) : null };
  }

  private async withWaivers(rows: ConflictRow[], manager: EntityManager = this.dataSource.manager): Promise<ConflictView[]> {
    if (!rows.length) return [];
    const waivers: WaiverRow[] = await manager.query(
      `SELECT DISTINCT ON (conflict_id) id, conflict_id AS "conflictId", justification, expires_at AS "expiresAt", requested_by AS "requestedBy", requested_at AS "requestedAt",
              approved_by AS "approvedBy", approved_at AS "approvedAt", revoked_at AS "revokedAt", expired_at AS "expiredAt"
         FROM waivers WHERE conflict_id = ANY($1::uuid[]) ORDER BY conflict_id, requested_at DESC`,
      [rows.map((r) => r.id)],
    );
    const byConflict = new Map(waivers.map((w) => [w.conflictId, w]));
    return rows.map((r) => {
      const waiver = byConflict.get(r.id);
      return {
        id: r.id,
        labOrgId: r.labOrgId,
        vendorOrgId: r.vendorOrgId,
        labName: r.labName,
        vendorName: r.vendorName,
        rule: r.rule,
        severity: r.severity,
        status: r.status,
        evidence: r.evidence,
        detectedAt: r.detectedAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        waiver: waiver ? toWaiverView(waiver) : null,
      };
    });
  }

  /** The conflict if the caller may act on it for its lab (lab admin of that lab, or platform admin). */
  private async conflictForDecision(manager: EntityManager, principal: Principal, id: string): Promise<ConflictRow> {
    // Decisions and evaluations rewrite the same (lab, vendor) rows: one at a time.
    await manager.query('SELECT pg_advisory_xact_lock($1)', [NEUTRALITY_LOCK]);
    const [row]: ConflictRow[] = await manager.query(`${CONFLICT_SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [id]);
    const visible = row && (isPlatformStaff(principal) || (principal.orgKind === 'lab' && principal.orgId === row.labOrgId));
    if (!row || !visible) throw notFound('Conflict');
    if (!(principal.roles.includes('platform_admin') || (principal.orgId === row.labOrgId && principal.roles.includes('lab_admin')))) {
      throw forbidden("Only the lab's admin or a platform admin can decide on a conflict");
    }
    return row;
  }

  async acknowledge(principal: Principal, id: string, ctx: RequestMeta): Promise<ConflictView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.conflictForDecision(manager, principal, id);
      if (row.status !== 'open') throw conflict(`Only an open conflict can be acknowledged (this one is ${row.status})`);
      await manager.query(`UPDATE conflicts SET status = 'acknowledged', acknowledged_by = $2, acknowledged_at = now(), updated_at = now() WHERE id = $1`, [id, principal.userId]);
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'conflict.acknowledged', subject: `conflict:${id}`, data: { labOrgId: row.labOrgId, vendorOrgId: row.vendorOrgId, rule: row.rule } });
      return this.reload(manager, id);
    });
  }

  /**
   * A waiver needs a justification and an expiry. A flag is waived at once; a block needs a
   * second person (lab admin or platform admin) to approve it before routing may use the vendor.
   */
  async waive(principal: Principal, id: string, dto: WaiveConflictDto, ctx: RequestMeta): Promise<ConflictView> {
    const expiresAt = new Date(dto.expiresAt);
    const maxExpiry = Date.now() + MAX_WAIVER_DAYS * 86_400_000;
    if (Number.isNaN(expiresAt.getTime())) throw validationFailed([{ path: 'expiresAt', message: 'expiresAt must be an ISO 8601 date-time' }]);
    if (expiresAt.getTime() <= Date.now()) throw domainRule('A waiver must expire in the future', [{ path: 'expiresAt', message: 'expiresAt must be in the future' }]);
    if (expiresAt.getTime() > maxExpiry) throw domainRule(`A waiver may last at most ${MAX_WAIVER_DAYS} days`, [{ path: 'expiresAt', message: `expiresAt must be within ${MAX_WAIVER_DAYS} days` }]);
    const { view, outboxIds } = await this.dataSource.transaction(async (manager) => {
      const row = await this.conflictForDecision(manager, principal, id);
      if (row.status !== 'open' && row.status !== 'acknowledged') throw conflict(`Only an open or acknowledged conflict can be waived (this one is ${row.status})`);
      const [pending] = await manager.query(`SELECT id FROM waivers WHERE conflict_id = $1 AND approved_at IS NULL AND revoked_at IS NULL AND expired_at IS NULL AND expires_at > now()`, [id]);
      if (pending && row.severity === 'block') throw conflict('A waiver for this conflict is already waiting for approval');
      const needsApproval = row.severity === 'block';
      const [waiver] = await manager.query(
        `INSERT INTO waivers (conflict_id, justification, expires_at, requested_by, approved_at) VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN NULL ELSE now() END) RETURNING id`,
        [id, dto.justification, expiresAt, principal.userId, needsApproval],
      );
      if (!needsApproval) await manager.query(`UPDATE conflicts SET status = 'waived', updated_at = now() WHERE id = $1`, [id]);
      await this.audit.append(manager, {
        actor: actorOf(principal, ctx),
        type: needsApproval ? 'waiver.requested' : 'conflict.waived',
        subject: `conflict:${id}`,
        data: { waiverId: waiver.id, justification: dto.justification, expiresAt: expiresAt.toISOString(), severity: row.severity, labOrgId: row.labOrgId, vendorOrgId: row.vendorOrgId, rule: row.rule },
      });
      const { outboxIds } = await this.refreshDecisions(manager, [row.labOrgId], [row.vendorOrgId]);
      return { view: await this.reload(manager, id), outboxIds };
    });
    await this.outbox.publish(outboxIds);
    return view;
  }

  async approveWaiver(principal: Principal, id: string, ctx: RequestMeta): Promise<ConflictView> {
    const { view, outboxIds } = await this.dataSource.transaction(async (manager) => {
      const row = await this.conflictForDecision(manager, principal, id);
      const [waiver] = await manager.query(
        `SELECT id, requested_by AS "requestedBy", expires_at AS "expiresAt" FROM waivers WHERE conflict_id = $1 AND approved_at IS NULL AND revoked_at IS NULL AND expired_at IS NULL ORDER BY requested_at DESC LIMIT 1 FOR UPDATE`,
        [id],
      );
      if (!waiver) throw conflict('There is no waiver waiting for approval on this conflict');
      if (waiver.requestedBy === principal.userId) throw forbidden('A waiver must be approved by someone other than the person who requested it');
      if (waiver.expiresAt.getTime() <= Date.now()) throw conflict('The waiver expired before it was approved');
      if (row.status === 'resolved') throw conflict('The conflict resolved itself; there is nothing to waive');
      await manager.query(`UPDATE waivers SET approved_by = $2, approved_at = now() WHERE id = $1`, [waiver.id, principal.userId]);
      await manager.query(`UPDATE conflicts SET status = 'waived', updated_at = now() WHERE id = $1`, [id]);
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'conflict.waived', subject: `conflict:${id}`, data: { waiverId: waiver.id, approvedBy: principal.userId, requestedBy: waiver.requestedBy, labOrgId: row.labOrgId, vendorOrgId: row.vendorOrgId, rule: row.rule } });
      const { outboxIds } = await this.refreshDecisions(manager, [row.labOrgId], [row.vendorOrgId]);
      return { view: await this.reload(manager, id), outboxIds };
    });
    await this.outbox.publish(outboxIds);
    return view;
  }

  /** Expired waivers put their conflicts back to open (and the vendor back to blocked or flagged). */
  async expireWaivers(): Promise<number> {
    const { count, outboxIds } = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [NEUTRALITY_LOCK]);
      // TypeORM answers an UPDATE ... RETURNING with [rows, rowCount].
      const [expired]: [{ id: string; conflictId: string; labOrgId: string; vendorOrgId: string }[], number] = await manager.query(
        `UPDATE waivers w SET expired_at = now() FROM conflicts c
          WHERE c.id = w.conflict_id AND w.expires_at <= now() AND w.expired_at IS NULL AND w.revoked_at IS NULL
          RETURNING w.id, w.conflict_id AS "conflictId", c.lab_org_id AS "labOrgId", c.vendor_org_id AS "vendorOrgId"`,
      );
      for (const w of expired) {
        await manager.query(`UPDATE conflicts SET status = 'open', updated_at = now() WHERE id = $1 AND status = 'waived'`, [w.conflictId]);
        await this.audit.append(manager, { actor: SYSTEM_ACTOR('neutrality-evaluator'), type: 'waiver.expired', subject: `conflict:${w.conflictId}`, data: { waiverId: w.id } });
      }
      const refreshed = expired.length
        ? await this.refreshDecisions(manager, [...new Set(expired.map((w) => w.labOrgId))], [...new Set(expired.map((w) => w.vendorOrgId))])
        : { outboxIds: [] };
      return { count: expired.length, outboxIds: refreshed.outboxIds };
    });
    await this.outbox.publish(outboxIds);
    return count;
  }

  /**
   * The neutrality of each vendor for a lab's job: the lab's standing decisions, or, when the job
   * carries its own policy, that policy applied to the registry as it stands today (waivers on the
   * lab's standing conflicts do not carry over to a stricter or looser job policy).
   */
  async statusesForJob(labOrgId: string, vendorOrgIds: string[], jobPolicy: ConflictPolicy | null): Promise<Map<string, NeutralityStatus>> {
    const statuses = new Map<string, NeutralityStatus>(vendorOrgIds.map((v) => [v, 'clear']));
    if (!vendorOrgIds.length) return statuses;
    if (!jobPolicy) {
      const rows: { vendorOrgId: string; status: NeutralityStatus }[] = await this.dataSource.query(
        `SELECT vendor_org_id AS "vendorOrgId", status FROM neutrality_decisions WHERE lab_org_id = $1 AND vendor_org_id = ANY($2::uuid[])`,
        [labOrgId, vendorOrgIds],
      );
      for (const row of rows) statuses.set(row.vendorOrgId, row.status);
      return statuses;
    }
    const asOf = today();
    const orgs: { orgId: string; kind: string; entityId: string }[] = await this.dataSource.query(
      `SELECT o.id AS "orgId", o.kind, e.id AS "entityId" FROM organizations o JOIN entities e ON e.org_id = o.id WHERE o.kind = 'lab' OR o.id = ANY($1::uuid[])`,
      [vendorOrgIds],
    );
    const labEntity = orgs.find((o) => o.orgId === labOrgId)?.entityId;
    const competitorIds = new Set(jobPolicy.competitors === 'all-labs' ? orgs.filter((o) => o.kind === 'lab' && o.orgId !== labOrgId).map((o) => o.entityId) : jobPolicy.competitors);
    if (labEntity) competitorIds.delete(labEntity);
    const graph = await this.registry.loadGraph(asOf);
    const wanted = new Set(vendorOrgIds);
    const vendors = orgs.filter((o) => o.kind === 'vendor' && wanted.has(o.orgId));
    const owners = ownersForConflictRules(graph, vendors.map((v) => v.entityId), competitorIds, jobPolicy.economicThreshold, 0);
    for (const vendor of vendors) {
      const findings = evaluateConflictRules({ policy: jobPolicy, policyVersion: -1, competitorIds, owners: owners.get(vendor.entityId) ?? [], asOf });
      statuses.set(vendor.orgId, neutralityStatusOf(findings.map((f) => ({ severity: f.severity, status: 'open' }))));
    }
    return statuses;
  }

  private async reload(manager: EntityManager, id: string): Promise<ConflictView> {
    const rows: ConflictRow[] = await manager.query(`${CONFLICT_SELECT} WHERE c.id = $1`, [id]);
    const [view] = await this.withWaivers(rows, manager);
    return view;
  }

  // ---------------------------------------------------------------------------------------------
  // Views for labs and auditors
  // ---------------------------------------------------------------------------------------------

  /**
   * Every vendor with its neutrality for one lab (the lab's own members, or platform staff naming
   * the lab). The marketplace view composes this with vendor profiles.
   */
  async vendorsNeutralityForLab(principal: Principal, labOrgIdParam?: string): Promise<{ labOrgId: string; vendors: { orgId: string; name: string; entityId: string; neutrality: VendorListItem['neutrality'] }[] }> {
    let labOrgId = principal.orgId;
    if (isPlatformStaff(principal)) {
      if (!labOrgIdParam) throw validationFailed([{ path: 'labOrgId', message: 'platform staff must name the lab (labOrgId)' }]);
      if (!isUuid(labOrgIdParam)) throw validationFailed([{ path: 'labOrgId', message: 'labOrgId must be a UUID' }]);
      labOrgId = labOrgIdParam;
    } else if (!hasAnyRole(principal, ['lab_admin', 'lab_member'])) {
      throw forbidden('The vendor marketplace is for labs');
    }
    await this.assertLabVisible(principal, labOrgId);
    const vendors: { orgId: string; name: string; entityId: string; status: NeutralityStatus | null }[] = await this.dataSource.query(
      `SELECT o.id AS "orgId", o.name, e.id AS "entityId", d.status
         FROM organizations o JOIN entities e ON e.org_id = o.id
         LEFT JOIN neutrality_decisions d ON d.vendor_org_id = o.id AND d.lab_org_id = $1
        WHERE o.kind = 'vendor' ORDER BY o.name`,
      [labOrgId],
    );
    const conflicts: ConflictRow[] = await this.dataSource.query(`${CONFLICT_SELECT} WHERE c.lab_org_id = $1 AND c.status <> 'resolved' ORDER BY c.detected_at DESC`, [labOrgId]);
    const views = await this.withWaivers(conflicts);
    return {
      labOrgId,
      vendors: vendors.map((v) => ({
        orgId: v.orgId,
        name: v.name,
        entityId: v.entityId,
        neutrality: { status: v.status ?? 'clear', conflicts: views.filter((c) => c.vendorOrgId === v.orgId) },
      })),
    };
  }

  /** Live (not resolved) conflicts of a lab with the given vendors. */
  async liveConflicts(labOrgId: string, vendorOrgIds: string[]): Promise<ConflictView[]> {
    if (!vendorOrgIds.length) return [];
    const rows: ConflictRow[] = await this.dataSource.query(
      `${CONFLICT_SELECT} WHERE c.lab_org_id = $1 AND c.vendor_org_id = ANY($2::uuid[]) AND c.status <> 'resolved' ORDER BY c.detected_at DESC`,
      [labOrgId, vendorOrgIds],
    );
    return this.withWaivers(rows);
  }

  async matrix(): Promise<NeutralityMatrix> {
    const labs = await this.dataSource.query(`SELECT id AS "orgId", name FROM organizations WHERE kind = 'lab' ORDER BY name`);
    const vendors = await this.dataSource.query(`SELECT id AS "orgId", name FROM organizations WHERE kind = 'vendor' ORDER BY name`);
    const cells = await this.dataSource.query(
      `SELECT d.lab_org_id AS "labOrgId", d.vendor_org_id AS "vendorOrgId", d.status,
              (SELECT count(*)::int FROM conflicts c WHERE c.lab_org_id = d.lab_org_id AND c.vendor_org_id = d.vendor_org_id AND c.status IN ('open', 'acknowledged')) AS "openConflicts"
         FROM neutrality_decisions d`,
    );
    const [last] = await this.dataSource.query(`SELECT max(evaluated_at) AS at FROM neutrality_decisions`);
    return { labs, vendors, cells, evaluatedAt: last?.at ? new Date(last.at).toISOString() : null };
  }
}

/**
 * Evidence in canonical form without its as-of date: jsonb reorders keys, and a re-evaluation on a
 * later day is not a change by itself.
 */
function comparable(evidence: ConflictView['evidence']): string {
  return canonicalJson({ ...evidence, asOf: undefined });
}
