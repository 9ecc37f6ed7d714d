import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ConflictPolicy, JobStatus, JobView, Page, TaskSchema, TaskType, VendorWorkItem } from '@quorum/contracts';
import { JOB_STATUSES } from '@quorum/contracts';
import { AuditService, SYSTEM_ACTOR } from '@quorum/api/audit';
import { hasAnyRole, isPlatformStaff, Principal, RequestMeta } from '@quorum/api/auth';
import { decodeCursor, encodeCursor, pageLimit } from '@quorum/api/database';
import { conflict, domainRule, forbidden, notFound, validationFailed } from '@quorum/api/errors';
import { OutboxService } from '@quorum/api/queue';
import { actorOf } from '@quorum/api/registry';
import { NeutralityService } from '@quorum/api/neutrality';
import { RoutingJob, RoutingService } from '@quorum/api/routing';
import { DataSource, EntityManager } from 'typeorm';
import type { CreateJobDto } from './job.dto';
import { validateTaskSchema } from './task-types';

export interface JobRow {
  id: string;
  labOrgId: string;
  title: string;
  instructions: string;
  taskType: TaskType;
  schema: TaskSchema;
  overlap: number;
  minDistinctVendors: number;
  goldRatio: string;
  pricePerAnswer: string;
  budget: string | null;
  deadline: Date | null;
  priority: number;
  requiredSkills: string[];
  languages: string[];
  conflictPolicy: ConflictPolicy | null;
  leaseSeconds: number;
  agreementThreshold: string;
  status: JobStatus;
  routingNote: string | null;
  createdAt: Date;
  publishedAt: Date | null;
}

export const JOB_SELECT = `SELECT id, lab_org_id AS "labOrgId", title, instructions, task_type AS "taskType", schema, overlap,
  min_distinct_vendors AS "minDistinctVendors", gold_ratio AS "goldRatio", price_per_answer AS "pricePerAnswer", budget, deadline,
  priority, required_skills AS "requiredSkills", languages, conflict_policy AS "conflictPolicy", lease_seconds AS "leaseSeconds",
  agreement_threshold AS "agreementThreshold", status, routing_note AS "routingNote", created_at AS "createdAt", published_at AS "publishedAt"
  FROM jobs`;

export const toRoutingJob = (j: JobRow): RoutingJob => ({
  id: j.id,
  labOrgId: j.labOrgId,
  taskType: j.taskType,
  overlap: j.overlap,
  minDistinctVendors: j.minDistinctVendors,
  pricePerAnswer: Number(j.pricePerAnswer),
  languages: j.languages,
  conflictPolicy: j.conflictPolicy,
});

/** Where each status may go. */
const TRANSITIONS: Record<'pause' | 'resume' | 'cancel', { from: JobStatus[]; to: (answers: number) => JobStatus; event: string }> = {
  pause: { from: ['published', 'in_progress'], to: () => 'paused', event: 'job.paused' },
  resume: { from: ['paused'], to: (answers) => (answers > 0 ? 'in_progress' : 'published'), event: 'job.resumed' },
  cancel: { from: ['draft', 'published', 'in_progress', 'paused'], to: () => 'cancelled', event: 'job.cancelled' },
};

@Injectable()
export class JobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routing: RoutingService,
    private readonly neutrality: NeutralityService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(principal: Principal, dto: CreateJobDto, ctx: RequestMeta): Promise<JobView> {
    this.assertLabWriter(principal);
    const schema = validateTaskSchema(dto.taskType, dto.schema);
    const errors = schema.ok ? [] : [...schema.errors];
    const overlap = dto.overlap;
    if (dto.minDistinctVendors !== undefined && dto.minDistinctVendors > overlap) errors.push({ path: 'minDistinctVendors', message: 'minDistinctVendors cannot exceed overlap' });
    if (dto.deadline && Date.parse(dto.deadline) <= Date.now()) errors.push({ path: 'deadline', message: 'deadline must be in the future' });
    if (errors.length || !schema.ok) throw validationFailed(errors);
    const id = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO jobs (lab_org_id, title, instructions, task_type, schema, overlap, min_distinct_vendors, gold_ratio, price_per_answer, budget, deadline,
                           priority, required_skills, languages, conflict_policy, lease_seconds, agreement_threshold, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
        [
          principal.orgId,
          dto.title,
          dto.instructions,
          dto.taskType,
          JSON.stringify(schema.schema),
          overlap,
          dto.minDistinctVendors ?? 1,
          dto.goldRatio ?? 0,
          dto.pricePerAnswer,
          dto.budget ?? null,
          dto.deadline ?? null,
          dto.priority ?? 0,
          dto.requiredSkills ?? [],
          dto.languages ?? [],
          dto.conflictPolicy ? JSON.stringify({ ...dto.conflictPolicy }) : null,
          dto.leaseSeconds ?? 600,
          dto.agreementThreshold ?? 0.5,
          principal.userId,
        ],
      );
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'job.created', subject: `job:${row.id}`, data: { title: dto.title, taskType: dto.taskType, overlap, pricePerAnswer: dto.pricePerAnswer, budget: dto.budget ?? null, conflictPolicy: dto.conflictPolicy ?? null } });
      return row.id as string;
    });
    return this.view(id);
  }

  async list(principal: Principal, query: { status?: string; cursor?: string; limit?: string }): Promise<Page<JobView>> {
    if (principal.orgKind !== 'lab' && !isPlatformStaff(principal)) throw forbidden('Jobs belong to labs; vendors see theirs under /vendor/work');
    if (query.status !== undefined && !(JOB_STATUSES as readonly unknown[]).includes(query.status)) throw validationFailed([{ path: 'status', message: `status must be one of: ${JOB_STATUSES.join(', ')}` }]);
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    const params: unknown[] = [];
    const where: string[] = [];
    if (!isPlatformStaff(principal)) {
      params.push(principal.orgId);
      where.push(`lab_org_id = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: JobRow[] = await this.dataSource.query(`${JOB_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params);
    const page = rows.slice(0, limit);
    const items = await Promise.all(page.map((r) => this.toView(r)));
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null };
  }

  async get(principal: Principal, id: string): Promise<JobView> {
    return this.toView(await this.jobFor(principal, id));
  }

  /** The job if the caller's lab owns it (or the caller is platform staff); otherwise 404. */
  async jobFor(principal: Principal, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<JobRow> {
    const [row]: JobRow[] = await manager.query(`${JOB_SELECT} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row || (row.labOrgId !== principal.orgId && !isPlatformStaff(principal))) throw notFound('Job');
    return row;
  }

  async publish(principal: Principal, id: string, ctx: RequestMeta): Promise<{ id: string; status: 'published' }> {
    this.assertLabWriter(principal);
    const outboxIds = await this.dataSource.transaction(async (manager) => {
      const job = await this.jobFor(principal, id, manager, true);
      if (job.status !== 'draft') throw conflict(`Only a draft can be published (this job is ${job.status})`);
      const [{ items }] = await manager.query(`SELECT count(*)::int AS items FROM items WHERE job_id = $1 AND NOT is_gold`, [id]);
      if (items === 0) throw domainRule('A job needs at least one item before it is published', [{ path: 'items', message: 'upload items first (POST /jobs/{id}/items)' }]);
      const cost = items * job.overlap * Number(job.pricePerAnswer);
      if (job.budget !== null && cost > Number(job.budget) + 1e-9) {
        throw domainRule(
          `${items} items × overlap ${job.overlap} × ${Number(job.pricePerAnswer)} per answer = ${round2(cost)}, which exceeds the budget of ${Number(job.budget)}`,
          [{ path: 'budget', message: `needs at least ${round2(cost)}` }],
        );
      }
      await manager.query(`UPDATE jobs SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [id]);
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'job.published', subject: `job:${id}`, data: { items, overlap: job.overlap, cost: round2(cost), budget: job.budget === null ? null : Number(job.budget) } });
      return [await this.outbox.add(manager, 'routing.route', { jobId: id, reason: 'published' })];
    });
    await this.outbox.publish(outboxIds);
    return { id, status: 'published' };
  }

  async transition(principal: Principal, id: string, action: keyof typeof TRANSITIONS, ctx: RequestMeta): Promise<JobView> {
    this.assertLabWriter(principal);
    const rule = TRANSITIONS[action];
    const outboxIds = await this.dataSource.transaction(async (manager) => {
      const job = await this.jobFor(principal, id, manager, true);
      if (!rule.from.includes(job.status)) throw conflict(`Cannot ${action} a job that is ${job.status}`);
      const [{ answers }] = await manager.query(`SELECT count(*)::int AS answers FROM slots WHERE job_id = $1 AND status = 'answered'`, [id]);
      const next = rule.to(answers);
      await manager.query(`UPDATE jobs SET status = $2, updated_at = now() WHERE id = $1`, [id, next]);
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: rule.event, subject: `job:${id}`, data: { from: job.status, to: next } });
      return action === 'resume' ? [await this.outbox.add(manager, 'routing.route', { jobId: id, reason: 'resumed' })] : [];
    });
    await this.outbox.publish(outboxIds);
    return this.view(id);
  }

  /** Worker: route a job's open slots (publish, new items, decline, capacity or neutrality change). */
  async routeJob(jobId: string, reason: string): Promise<unknown> {
    const [job]: JobRow[] = await this.dataSource.query(`${JOB_SELECT} WHERE id = $1`, [jobId]);
    if (!job || !['published', 'in_progress', 'paused'].includes(job.status)) return { skipped: job ? job.status : 'missing' };
    return this.routing.route(toRoutingJob(job), reason, SYSTEM_ACTOR('router'));
  }

  /** Worker: a (lab, vendor) decision changed; every live job of the lab is re-routed. */
  async onNeutralityChanged(labOrgId: string, vendorOrgId: string, from: string, to: string): Promise<unknown> {
    const jobs: JobRow[] = await this.dataSource.query(`${JOB_SELECT} WHERE lab_org_id = $1 AND status IN ('published', 'in_progress', 'paused')`, [labOrgId]);
    const results = [];
    for (const job of jobs) results.push(await this.routing.route(toRoutingJob(job), `neutrality ${from} → ${to} for vendor ${vendorOrgId}`, SYSTEM_ACTOR('router')));
    return { jobs: jobs.length, results };
  }

  // ---------------------------------------------------------------------------------------------
  // Vendor side
  // ---------------------------------------------------------------------------------------------

  async vendorWork(principal: Principal): Promise<VendorWorkItem[]> {
    if (principal.orgKind !== 'vendor') throw forbidden('Routed work is for vendors');
    return this.dataSource.query(
      `SELECT j.id AS "jobId", j.title, j.lab_org_id AS "labOrgId", l.name AS "labName", j.task_type AS "taskType", j.price_per_answer::float AS "pricePerAnswer",
              j.deadline, jv.status, j.status AS "jobStatus",
              (SELECT count(*)::int FROM slots s WHERE s.job_id = j.id AND s.vendor_org_id = $1) AS slots,
              (SELECT count(*)::int FROM slots s WHERE s.job_id = j.id AND s.vendor_org_id = $1 AND s.status = 'open') AS "openSlots"
         FROM job_vendors jv JOIN jobs j ON j.id = jv.job_id JOIN organizations l ON l.id = j.lab_org_id
        WHERE jv.vendor_org_id = $1 AND j.status <> 'draft'
        ORDER BY j.priority DESC, j.published_at DESC`,
      [principal.orgId],
    );
  }

  async respond(principal: Principal, jobId: string, response: 'accept' | 'decline', ctx: RequestMeta): Promise<VendorWorkItem> {
    if (principal.orgKind !== 'vendor' || !principal.roles.includes('vendor_admin')) throw forbidden("Only the vendor's admin can accept or decline work");
    const outboxIds = await this.dataSource.transaction(async (manager) => {
      const [offer] = await manager.query(`SELECT status FROM job_vendors WHERE job_id = $1 AND vendor_org_id = $2 FOR UPDATE`, [jobId, principal.orgId]);
      // Work never routed to this vendor is indistinguishable from a job that does not exist.
      if (!offer) throw notFound('Routed work');
      if (response === 'accept') {
        if (offer.status === 'declined' || offer.status === 'withdrawn') throw conflict(`This work was ${offer.status}; it can no longer be accepted`);
        await manager.query(`UPDATE job_vendors SET status = 'accepted', updated_at = now() WHERE job_id = $1 AND vendor_org_id = $2`, [jobId, principal.orgId]);
        await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'routing.accepted', subject: `job:${jobId}`, data: { vendorOrgId: principal.orgId } });
        return [];
      }
      if (offer.status === 'declined') throw conflict('This work is already declined');
      const released = await this.routing.withdraw(manager, jobId, principal.orgId, 'declined', 'declined by the vendor');
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'routing.declined', subject: `job:${jobId}`, data: { vendorOrgId: principal.orgId, releasedSlots: released } });
      return [await this.outbox.add(manager, 'routing.route', { jobId, reason: 'vendor-declined' })];
    });
    await this.outbox.publish(outboxIds);
    const work = await this.vendorWork(principal);
    const item = work.find((w) => w.jobId === jobId);
    if (!item) throw notFound('Routed work');
    return item;
  }

  // ---------------------------------------------------------------------------------------------

  async view(id: string): Promise<JobView> {
    const [row]: JobRow[] = await this.dataSource.query(`${JOB_SELECT} WHERE id = $1`, [id]);
    if (!row) throw notFound('Job');
    return this.toView(row);
  }

  private async toView(j: JobRow): Promise<JobView> {
    const [counts] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM items WHERE job_id = $1 AND NOT is_gold)::int AS items,
              (SELECT count(*) FROM items WHERE job_id = $1 AND is_gold)::int AS "goldItems",
              (SELECT count(*) FROM slots WHERE job_id = $1 AND status = 'answered')::int AS answers,
              (SELECT count(*) FROM (SELECT item_id FROM slots WHERE job_id = $1 GROUP BY item_id HAVING bool_and(status = 'answered')) done)::int AS "completedItems",
              (SELECT coalesce(sum(price), 0) FROM answers WHERE job_id = $1)::float AS spend`,
      [j.id],
    );
    const total = counts.items * j.overlap;
    const routing = await this.routing.shares(j.id);
    return {
      id: j.id,
      labOrgId: j.labOrgId,
      title: j.title,
      instructions: j.instructions,
      taskType: j.taskType,
      schema: j.schema,
      overlap: j.overlap,
      minDistinctVendors: j.minDistinctVendors,
      goldRatio: Number(j.goldRatio),
      pricePerAnswer: Number(j.pricePerAnswer),
      budget: j.budget === null ? null : Number(j.budget),
      deadline: j.deadline?.toISOString() ?? null,
      priority: j.priority,
      requiredSkills: j.requiredSkills,
      languages: j.languages,
      conflictPolicy: j.conflictPolicy,
      leaseSeconds: j.leaseSeconds,
      agreementThreshold: Number(j.agreementThreshold),
      status: j.status,
      createdAt: j.createdAt.toISOString(),
      publishedAt: j.publishedAt?.toISOString() ?? null,
      progress: { items: counts.items, goldItems: counts.goldItems, answers: counts.answers, completedItems: counts.completedItems, percent: total ? Math.round((counts.answers / total) * 10_000) / 100 : 0 },
      spend: Math.round(counts.spend * 100) / 100,
      routing,
      routingNote: j.routingNote,
      conflicts: await this.neutrality.liveConflicts(j.labOrgId, routing.map((r) => r.vendorOrgId)),
    };
  }

  private assertLabWriter(principal: Principal): void {
    if (principal.orgKind !== 'lab' || !hasAnyRole(principal, ['lab_admin', 'lab_member'])) throw forbidden('Only lab members can post and manage jobs');
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
