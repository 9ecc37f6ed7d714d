import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { AnnotatorStats, SubmitAnswerResponse, TaskSchema, TaskType, TaskView, VendorEarnings } from '@quorum/contracts';
import type { Principal } from '@quorum/api/auth';
import { isUniqueViolation } from '@quorum/api/database';
import { conflict, DomainError, ErrorCode, forbidden, notFound, validationFailed } from '@quorum/api/errors';
import { validateAnswer } from '@quorum/api/jobs';
import { OutboxService } from '@quorum/api/queue';
import { goldScore } from '@quorum/api/quality';
import { canonicalJson } from '@quorum/util';
import { DataSource, EntityManager } from 'typeorm';

const ANNOTATOR_ROLES = ['annotator', 'reviewer'];

interface Claimed {
  assignmentId: string;
  jobId: string;
  itemId: string;
  expiresAt: Date;
}

interface AssignmentRow {
  id: string;
  jobId: string;
  itemId: string;
  slotNo: number | null;
  annotatorId: string;
  vendorOrgId: string;
  isGold: boolean;
  status: 'active' | 'submitted' | 'skipped' | 'expired';
  expiresAt: Date;
}

@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  private assertAnnotator(principal: Principal): void {
    if (principal.orgKind !== 'vendor' || !principal.roles.some((r) => ANNOTATOR_ROLES.includes(r))) {
      throw forbidden('Tasks are served to annotators of vendors');
    }
  }

  /**
   * One short transaction: serialise this annotator's claims (two tabs racing would otherwise hit
   * the unique (annotator, item) constraint), take the first open slot routed to the annotator's
   * vendor on an item they have never seen, finishing items before starting new ones, skipping
   * rows other annotators hold. At the job's gold ratio a gold item is served instead, shaped
   * exactly like a real one.
   */
  async next(principal: Principal, jobId?: string): Promise<TaskView | null> {
    this.assertAnnotator(principal);
    const claimed = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`claim:${principal.userId}`]);
      const [slot] = await manager.query(
        `SELECT s.item_id AS "itemId", s.slot_no AS "slotNo", s.job_id AS "jobId", j.gold_ratio::float AS "goldRatio", j.lease_seconds AS "leaseSeconds"
           FROM slots s JOIN jobs j ON j.id = s.job_id
          WHERE s.vendor_org_id = $1 AND s.status = 'open' AND j.status IN ('published', 'in_progress')
            ${jobId ? 'AND s.job_id = $3' : ''}
            -- OFFSET 0 keeps this a per-candidate index probe; flattened it becomes an anti-join that slows as assignments grow.
            AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = $2 AND a.item_id = s.item_id OFFSET 0)
          ORDER BY s.item_seq, s.slot_no
          LIMIT 1
          FOR UPDATE OF s SKIP LOCKED`,
        jobId ? [principal.orgId, principal.userId, jobId] : [principal.orgId, principal.userId],
      );
      if (!slot) return null;
      if (slot.goldRatio > 0 && Math.random() < slot.goldRatio) {
        const [gold] = await manager.query(
          `SELECT i.id FROM items i WHERE i.job_id = $1 AND i.is_gold
              AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.annotator_id = $2 AND a.item_id = i.id OFFSET 0)
            ORDER BY random() LIMIT 1`,
          [slot.jobId, principal.userId],
        );
        if (gold) return this.insertAssignment(manager, principal, slot.jobId, gold.id, null, true, slot.leaseSeconds);
      }
      await manager.query(`UPDATE slots SET status = 'leased' WHERE item_id = $1 AND slot_no = $2`, [slot.itemId, slot.slotNo]);
      return this.insertAssignment(manager, principal, slot.jobId, slot.itemId, slot.slotNo, false, slot.leaseSeconds);
    });
    return claimed ? this.view(claimed) : null;
  }

  private async insertAssignment(manager: EntityManager, principal: Principal, jobId: string, itemId: string, slotNo: number | null, isGold: boolean, leaseSeconds: number): Promise<Claimed> {
    const [row] = await manager.query(
      `INSERT INTO assignments (job_id, item_id, slot_no, annotator_id, vendor_org_id, is_gold, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) RETURNING id, expires_at AS "expiresAt"`,
      [jobId, itemId, slotNo, principal.userId, principal.orgId, isGold, leaseSeconds],
    );
    return { assignmentId: row.id, jobId, itemId, expiresAt: row.expiresAt };
  }

  private async view(c: Claimed): Promise<TaskView> {
    const [row] = await this.dataSource.query(
      `SELECT j.title, j.task_type AS "taskType", j.schema, j.instructions, i.data FROM jobs j JOIN items i ON i.id = $2 WHERE j.id = $1`,
      [c.jobId, c.itemId],
    );
    // Only the item's id and data: never is_gold, never the gold answer.
    return {
      assignmentId: c.assignmentId,
      jobId: c.jobId,
      jobTitle: row.title,
      taskType: row.taskType,
      schema: row.schema,
      instructions: row.instructions,
      item: { id: c.itemId, data: row.data },
      leaseExpiresAt: c.expiresAt.toISOString(),
    };
  }

  private async assignmentFor(manager: EntityManager, principal: Principal, id: string, lock = true): Promise<AssignmentRow> {
    const [row]: AssignmentRow[] = await manager.query(
      `SELECT id, job_id AS "jobId", item_id AS "itemId", slot_no AS "slotNo", annotator_id AS "annotatorId", vendor_org_id AS "vendorOrgId",
              is_gold AS "isGold", status, expires_at AS "expiresAt"
         FROM assignments WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    // Another annotator's assignment is indistinguishable from a missing one.
    if (!row || row.annotatorId !== principal.userId) throw notFound('Assignment');
    return row;
  }

  async heartbeat(principal: Principal, id: string): Promise<{ leaseExpiresAt: string }> {
    this.assertAnnotator(principal);
    return this.dataSource.transaction(async (manager) => {
      const a = await this.assignmentFor(manager, principal, id);
      if (a.status !== 'active' || a.expiresAt.getTime() <= Date.now()) throw conflict('This assignment is no longer active');
      const [row] = await manager.query(
        `UPDATE assignments a SET expires_at = now() + make_interval(secs => j.lease_seconds) FROM jobs j WHERE a.id = $1 AND j.id = a.job_id RETURNING a.expires_at AS "expiresAt"`,
        [id],
      );
      return { leaseExpiresAt: row[0].expiresAt.toISOString() };
    });
  }

  async skip(principal: Principal, id: string): Promise<{ skipped: true }> {
    this.assertAnnotator(principal);
    await this.dataSource.transaction(async (manager) => {
      const a = await this.assignmentFor(manager, principal, id);
      if (a.status !== 'active') throw conflict(`This assignment is ${a.status}`);
      await manager.query(`UPDATE assignments SET status = 'skipped', finished_at = now() WHERE id = $1`, [id]);
      // The slot goes back to the pool; the unique (annotator, item) keeps it away from this annotator.
      if (!a.isGold) await manager.query(`UPDATE slots SET status = 'open' WHERE item_id = $1 AND slot_no = $2 AND status = 'leased'`, [a.itemId, a.slotNo]);
    });
    return { skipped: true };
  }

  /**
   * Validates and records an answer exactly once: the same Idempotency-Key and body give the same
   * answer id; the key with another body is a 422; a second answer for the assignment is refused
   * by a unique index even when two requests race.
   */
  async submit(principal: Principal, id: string, body: { answer: unknown; timeSpentMs: number }, idempotencyKey: string | undefined): Promise<SubmitAnswerResponse> {
    this.assertAnnotator(principal);
    if (idempotencyKey !== undefined && (!idempotencyKey.trim() || idempotencyKey.length > 200)) {
      throw validationFailed([{ path: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 characters' }]);
    }
    const requestHash = createHash('sha256').update(canonicalJson({ assignmentId: id, answer: body.answer, timeSpentMs: body.timeSpentMs })).digest('hex');
    const replay = await this.replay(principal, idempotencyKey, requestHash);
    if (replay) return replay;
    try {
      const { answerId, outboxIds } = await this.dataSource.transaction(async (manager) => {
        const a = await this.assignmentFor(manager, principal, id);
        if (a.status === 'submitted') {
          const [existing] = await manager.query(`SELECT id, request_hash AS "requestHash" FROM answers WHERE assignment_id = $1`, [id]);
          if (existing?.requestHash === requestHash) return { answerId: existing.id as string, outboxIds: [] };
          throw conflict('This assignment already has an answer');
        }
        if (a.status !== 'active') throw conflict(`This assignment was ${a.status}`);
        if (a.expiresAt.getTime() <= Date.now()) throw conflict('The lease on this assignment expired; claim a new task');
        const [ctx]: { taskType: TaskType; schema: TaskSchema; data: unknown; goldAnswer: unknown; price: string; overlap: number; labOrgId: string; jobStatus: string }[] = await manager.query(
          `SELECT j.task_type AS "taskType", j.schema, i.data, i.gold_answer AS "goldAnswer", j.price_per_answer AS price, j.overlap, j.lab_org_id AS "labOrgId", j.status AS "jobStatus"
             FROM jobs j JOIN items i ON i.id = $2 WHERE j.id = $1`,
          [a.jobId, a.itemId],
        );
        const checked = validateAnswer(ctx.taskType, ctx.schema, ctx.data, body.answer);
        if (!checked.ok) throw validationFailed(checked.errors.map((e) => ({ path: e.path, message: e.message })), 'The answer does not fit the task');
        const score = a.isGold ? goldScore(ctx.taskType, ctx.schema, ctx.data as never, checked.answer as never, ctx.goldAnswer as never) : null;
        const [neutrality] = await manager.query(`SELECT status FROM neutrality_decisions WHERE lab_org_id = $1 AND vendor_org_id = $2`, [ctx.labOrgId, a.vendorOrgId]);
        const [answer] = await manager.query(
          `INSERT INTO answers (assignment_id, job_id, item_id, annotator_id, vendor_org_id, answer, time_spent_ms, is_gold, gold_score, price, vendor_neutrality, idempotency_key, request_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
          [id, a.jobId, a.itemId, principal.userId, a.vendorOrgId, JSON.stringify(checked.answer), body.timeSpentMs, a.isGold, score !== null && Number.isFinite(score) ? score : null, a.isGold ? 0 : Number(ctx.price), neutrality?.status ?? 'clear', idempotencyKey ?? null, requestHash],
        );
        await manager.query(`UPDATE assignments SET status = 'submitted', finished_at = now() WHERE id = $1`, [id]);
        const outboxIds: string[] = [];
        if (a.isGold) {
          if (score !== null && Number.isFinite(score)) {
            await manager.query(
              `INSERT INTO annotator_quality (annotator_id, vendor_org_id, gold_answers, gold_score_sum) VALUES ($1, $2, 1, $3)
               ON CONFLICT (annotator_id) DO UPDATE SET gold_answers = annotator_quality.gold_answers + 1, gold_score_sum = annotator_quality.gold_score_sum + $3, updated_at = now()`,
              [principal.userId, a.vendorOrgId, score],
            );
          }
        } else {
          // Lock the item's slots first: two answers finishing the same item at once must not each
          // see the other's slot as still open (then nobody would aggregate the item).
          await manager.query(`SELECT 1 FROM slots WHERE item_id = $1 FOR UPDATE`, [a.itemId]);
          await manager.query(`UPDATE slots SET status = 'answered', answered_at = now() WHERE item_id = $1 AND slot_no = $2`, [a.itemId, a.slotNo]);
          if (ctx.jobStatus === 'published') await manager.query(`UPDATE jobs SET status = 'in_progress', updated_at = now() WHERE id = $1 AND status = 'published'`, [a.jobId]);
          const [{ remaining }] = await manager.query(`SELECT count(*)::int AS remaining FROM slots WHERE item_id = $1 AND status <> 'answered'`, [a.itemId]);
          if (remaining === 0) outboxIds.push(await this.outbox.add(manager, 'quality.aggregate', { itemId: a.itemId }));
        }
        return { answerId: answer.id as string, outboxIds };
      });
      await this.outbox.publish(outboxIds);
      return { answerId };
    } catch (error) {
      // The same key raced in from another request: answer as that one did.
      if (isUniqueViolation(error, 'ux_answers_idempotency')) {
        const again = await this.replay(principal, idempotencyKey, requestHash);
        if (again) return again;
      }
      if (isUniqueViolation(error, 'ux_answers_assignment')) throw conflict('This assignment already has an answer');
      throw error;
    }
  }

  private async replay(principal: Principal, key: string | undefined, requestHash: string): Promise<SubmitAnswerResponse | null> {
    if (!key) return null;
    const [existing] = await this.dataSource.query(`SELECT id, request_hash AS "requestHash" FROM answers WHERE annotator_id = $1 AND idempotency_key = $2`, [principal.userId, key]);
    if (!existing) return null;
    if (existing.requestHash !== requestHash) throw new DomainError(ErrorCode.IdempotencyMismatch, 'This Idempotency-Key was used with a different request');
    return { answerId: existing.id };
  }

  /** Worker: expired leases give their slots back and count as abandonment. */
  async expireLeases(): Promise<{ expired: number }> {
    const { expired, outboxIds } = await this.dataSource.transaction(async (manager) => {
      const [rows]: [{ itemId: string; slotNo: number | null; annotatorId: string; vendorOrgId: string; jobId: string; isGold: boolean }[], number] = await manager.query(
        `UPDATE assignments SET status = 'expired', finished_at = now()
          WHERE id IN (SELECT id FROM assignments WHERE status = 'active' AND expires_at < now() ORDER BY expires_at LIMIT 10000 FOR UPDATE SKIP LOCKED)
          RETURNING item_id AS "itemId", slot_no AS "slotNo", annotator_id AS "annotatorId", vendor_org_id AS "vendorOrgId", job_id AS "jobId", is_gold AS "isGold"`,
      );
      const real = rows.filter((r) => !r.isGold);
      if (real.length) {
        await manager.query(
          `UPDATE slots s SET status = 'open' FROM unnest($1::uuid[], $2::int[]) AS t(item_id, slot_no)
            WHERE s.item_id = t.item_id AND s.slot_no = t.slot_no AND s.status = 'leased'`,
          [real.map((r) => r.itemId), real.map((r) => r.slotNo)],
        );
      }
      const perAnnotator = new Map<string, { vendor: string; n: number }>();
      for (const r of rows) perAnnotator.set(r.annotatorId, { vendor: r.vendorOrgId, n: (perAnnotator.get(r.annotatorId)?.n ?? 0) + 1 });
      for (const [annotator, { vendor, n }] of perAnnotator) {
        await manager.query(
          `INSERT INTO annotator_quality (annotator_id, vendor_org_id, abandoned) VALUES ($1, $2, $3)
           ON CONFLICT (annotator_id) DO UPDATE SET abandoned = annotator_quality.abandoned + $3, updated_at = now()`,
          [annotator, vendor, n],
        );
      }
      // A returned slot may sit at a vendor that is blocked now: routing takes it from there.
      const outboxIds: string[] = [];
      for (const jobId of new Set(real.map((r) => r.jobId))) outboxIds.push(await this.outbox.add(manager, 'routing.route', { jobId, reason: 'lease-expired' }));
      return { expired: rows.length, outboxIds };
    });
    await this.outbox.publish(outboxIds);
    if (expired) this.logger.log({ expired }, 'expired leases returned');
    return { expired };
  }

  async stats(principal: Principal): Promise<AnnotatorStats> {
    this.assertAnnotator(principal);
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT a.is_gold)::int AS answers,
              count(*) FILTER (WHERE NOT a.is_gold AND a.created_at >= date_trunc('day', now()))::int AS "answersToday",
              coalesce(sum(a.price), 0)::float AS earnings,
              coalesce(q.gold_answers, 0)::int AS "goldAnswers",
              CASE WHEN coalesce(q.gold_answers, 0) > 0 THEN (q.gold_score_sum / q.gold_answers)::float END AS "goldAccuracy",
              coalesce(q.abandoned, 0)::int AS abandoned
         FROM (SELECT $1::uuid AS id) me
         LEFT JOIN answers a ON a.annotator_id = me.id
         LEFT JOIN annotator_quality q ON q.annotator_id = me.id
        GROUP BY q.gold_answers, q.gold_score_sum, q.abandoned`,
      [principal.userId],
    );
    return { annotatorId: principal.userId, ...row };
  }

  /** What the vendor earned: accepted answers at each job's price, per annotator and per job. */
  async vendorEarnings(principal: Principal): Promise<VendorEarnings> {
    if (principal.orgKind !== 'vendor' || !principal.roles.includes('vendor_admin')) throw forbidden("Only the vendor's admin sees its earnings");
    const byAnnotator = await this.dataSource.query(
      `SELECT u.id AS "annotatorId", u.display_name AS "displayName",
              count(a.id) FILTER (WHERE NOT a.is_gold)::int AS answers, coalesce(sum(a.price), 0)::float AS earnings,
              CASE WHEN coalesce(q.gold_answers, 0) > 0 THEN (q.gold_score_sum / q.gold_answers)::float END AS "goldAccuracy",
              coalesce(q.abandoned, 0)::int AS abandoned
         FROM users u LEFT JOIN answers a ON a.annotator_id = u.id LEFT JOIN annotator_quality q ON q.annotator_id = u.id
        WHERE u.org_id = $1 AND 'annotator' = ANY(u.roles)
        GROUP BY u.id, u.display_name, q.gold_answers, q.gold_score_sum, q.abandoned ORDER BY earnings DESC, u.display_name`,
      [principal.orgId],
    );
    const byJob = await this.dataSource.query(
      `SELECT j.id AS "jobId", j.title, l.name AS "labName", count(*) FILTER (WHERE NOT a.is_gold)::int AS answers, coalesce(sum(a.price), 0)::float AS earnings
         FROM answers a JOIN jobs j ON j.id = a.job_id JOIN organizations l ON l.id = j.lab_org_id
        WHERE a.vendor_org_id = $1 GROUP BY j.id, j.title, l.name ORDER BY earnings DESC`,
      [principal.orgId],
    );
    const total = byJob.reduce((s: number, j: { earnings: number }) => s + j.earnings, 0);
    const answers = byJob.reduce((s: number, j: { answers: number }) => s + j.answers, 0);
    return { vendorOrgId: principal.orgId, total: Math.round(total * 100) / 100, answers, byAnnotator, byJob };
  }
}
