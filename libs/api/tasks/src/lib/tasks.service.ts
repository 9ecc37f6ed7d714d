import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { JOB_QUEUE } from '@quorum/contracts';
import type { AnnotatorStats, SubmitAnswerResponse, TaskSchema, TaskType, TaskView, VendorEarnings } from '@quorum/contracts';
import type { Principal } from '@quorum/api/auth';
import { isUniqueViolation } from '@quorum/api/database';
import { conflict, DomainError, ErrorCode, forbidden, notFound, validationFailed } from '@quorum/api/errors';
import { validateAnswer } from '@quorum/api/jobs';
import { OutboxService } from '@quorum/api/queue';
import { goldScore } from '@quorum/api/quality';
import { canonicalJson } from '@quorum/util';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const ANNOTATOR_ROLES = ['annotator', 'reviewer'];

const LEASE_EXPIRED = 'The lease on this assignment expired; claim a new task';
const AGGREGATE = 'quality.aggregate';

/** Both are functions from migration 1764340000000 (one round trip each). */
const CLAIM_CALL = 'SELECT * FROM claim_next($1, $2, $3)';
const SUBMIT_CALL = 'SELECT * FROM submit_answer($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9)';

/** What validation needs, and an earlier answer for this assignment or for this key. */
const SUBMIT_CONTEXT = `SELECT a.annotator_id AS "annotatorId", a.status, a.expires_at AS "expiresAt", a.is_gold AS "isGold",
         j.task_type AS "taskType", j.schema, i.data, i.gold_answer AS "goldAnswer",
         e.id AS "existingId", e.request_hash AS "existingHash", k.id AS "replayId", k.request_hash AS "replayHash"
    FROM (VALUES (1)) one (x)
    LEFT JOIN assignments a ON a.id = $1
    LEFT JOIN jobs j ON j.id = a.job_id
    LEFT JOIN items i ON i.id = a.item_id
    LEFT JOIN answers e ON e.assignment_id = a.id
    LEFT JOIN answers k ON k.annotator_id = $2 AND k.idempotency_key = $3`;

interface ClaimRow {
  assignment_id: string;
  job_id: string;
  item_id: string;
  lease_expires_at: Date;
  job_title: string;
  task_type: TaskType;
  task_schema: TaskSchema;
  instructions: string;
  item_data: unknown;
  is_gold: boolean;
  gold_answer: unknown;
}

/** What validating and scoring an answer needs; none of it changes once the task is served. */
interface AnswerContext {
  annotatorId: string;
  taskType: TaskType;
  schema: TaskSchema;
  data: unknown;
  isGold: boolean;
  goldAnswer: unknown;
}

/** Tasks served by this process and not answered yet; a miss (another instance, evicted) reads the database. */
const SERVED_CACHE_SIZE = 20_000;

interface SubmitContext {
  annotatorId: string | null;
  status: AssignmentRow['status'] | null;
  expiresAt: Date;
  isGold: boolean;
  taskType: TaskType;
  schema: TaskSchema;
  data: unknown;
  goldAnswer: unknown;
  existingId: string | null;
  existingHash: string | null;
  replayId: string | null;
  replayHash: string | null;
}

interface SubmitResult {
  outcome: 'ok' | 'replay' | 'missing' | 'submitted' | 'skipped' | 'expired' | 'lease_expired';
  answer_id: string | null;
  request_hash: string | null;
  outbox_id: string | null;
  item_id: string | null;
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
  private readonly served = new Map<string, AnswerContext>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  private assertAnnotator(principal: Principal): void {
    if (principal.orgKind !== 'vendor' || !principal.roles.some((r) => ANNOTATOR_ROLES.includes(r))) {
      throw forbidden('Tasks are served to annotators of vendors');
    }
  }

  /** The pg pool under TypeORM: the claim and submit calls skip its query runner (see submit). */
  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /**
   * One round trip to `claim_next()`: serialise this annotator's claims, take the first open slot
   * routed to the annotator's vendor on an item they have never seen, finishing items before
   * starting new ones, skipping rows other annotators hold. At the job's gold ratio a gold item is
   * served instead, shaped exactly like a real one.
   */
  async next(principal: Principal, jobId?: string): Promise<TaskView | null> {
    this.assertAnnotator(principal);
    const { rows } = await this.pool.query<ClaimRow>(CLAIM_CALL, [principal.userId, principal.orgId, jobId ?? null]);
    const row = rows[0];
    if (!row) return null;
    // The submit then validates without reading these back (one round trip instead of two).
    if (this.served.size >= SERVED_CACHE_SIZE) this.served.delete(this.served.keys().next().value as string);
    this.served.set(row.assignment_id, { annotatorId: principal.userId, taskType: row.task_type, schema: row.task_schema, data: row.item_data, isGold: row.is_gold, goldAnswer: row.gold_answer });
    // Only the item's id and data: never is_gold, never the gold answer.
    return {
      assignmentId: row.assignment_id,
      jobId: row.job_id,
      jobTitle: row.job_title,
      taskType: row.task_type,
      schema: row.task_schema,
      instructions: row.instructions,
      item: { id: row.item_id, data: row.item_data },
      leaseExpiresAt: row.lease_expires_at.toISOString(),
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
   * under the assignment's row lock even when two requests race. One round trip when this process
   * served the task (validated in TypeScript against what it served, then `submit_answer()`
   * re-checks everything under the lock and writes in one transaction); otherwise the context is
   * read first.
   */
  async submit(principal: Principal, id: string, body: { answer: unknown; timeSpentMs: number }, idempotencyKey: string | undefined): Promise<SubmitAnswerResponse> {
    this.assertAnnotator(principal);
    if (idempotencyKey !== undefined && (!idempotencyKey.trim() || idempotencyKey.length > 200)) {
      throw validationFailed([{ path: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 characters' }]);
    }
    const requestHash = createHash('sha256').update(canonicalJson({ assignmentId: id, answer: body.answer, timeSpentMs: body.timeSpentMs })).digest('hex');
    const served = this.served.get(id);
    if (served?.annotatorId === principal.userId) {
      const checked = validateAnswer(served.taskType, served.schema, served.data, body.answer);
      // An invalid answer takes the reading path: a replayed key, a foreign or finished assignment answer before a 400.
      if (checked.ok) return this.record(principal, id, body.timeSpentMs, idempotencyKey, requestHash, checked.answer, served);
    }
    const {
      rows: [ctx],
    } = await this.pool.query<SubmitContext>(SUBMIT_CONTEXT, [id, principal.userId, idempotencyKey ?? null]);
    if (ctx.replayId) return this.replayed(ctx.replayId, ctx.replayHash, requestHash);
    // Another annotator's assignment is indistinguishable from a missing one.
    if (!ctx.annotatorId || ctx.annotatorId !== principal.userId) throw notFound('Assignment');
    if (ctx.status === 'submitted') return this.alreadySubmitted(ctx.existingId, ctx.existingHash, requestHash);
    if (ctx.status !== 'active') throw conflict(`This assignment was ${ctx.status}`);
    if (ctx.expiresAt.getTime() <= Date.now()) throw conflict(LEASE_EXPIRED);
    const checked = validateAnswer(ctx.taskType, ctx.schema, ctx.data, body.answer);
    if (!checked.ok) throw validationFailed(checked.errors.map((e) => ({ path: e.path, message: e.message })), 'The answer does not fit the task');
    return this.record(principal, id, body.timeSpentMs, idempotencyKey, requestHash, checked.answer, { ...ctx, annotatorId: ctx.annotatorId });
  }

  private async record(principal: Principal, id: string, timeSpentMs: number, idempotencyKey: string | undefined, requestHash: string, answer: unknown, ctx: AnswerContext): Promise<SubmitAnswerResponse> {
    const score = ctx.isGold ? goldScore(ctx.taskType, ctx.schema as never, ctx.data as never, answer as never, ctx.goldAnswer as never) : null;
    let result: SubmitResult;
    try {
      const { rows } = await this.pool.query<SubmitResult>(SUBMIT_CALL, [
        id,
        principal.userId,
        JSON.stringify(answer),
        timeSpentMs,
        score !== null && Number.isFinite(score) ? score : null,
        idempotencyKey ?? null,
        requestHash,
        JOB_QUEUE[AGGREGATE],
        AGGREGATE,
      ]);
      result = rows[0];
    } catch (error) {
      // The same key raced in from another request (on another assignment): answer as that one did.
      if (isUniqueViolation(error, 'ux_answers_idempotency')) {
        const again = await this.replay(principal, idempotencyKey, requestHash);
        if (again) return again;
      }
      if (isUniqueViolation(error, 'ux_answers_assignment')) throw conflict('This assignment already has an answer');
      throw error;
    }
    // Decided under the lock: whatever the state was when this request started.
    if (result.outcome !== 'replay' && result.outcome !== 'missing') this.served.delete(id);
    switch (result.outcome) {
      case 'ok':
        if (result.outbox_id) await this.outbox.publishRows([{ id: result.outbox_id, queue: JOB_QUEUE[AGGREGATE], jobName: AGGREGATE, payload: { itemId: result.item_id } }]);
        return { answerId: result.answer_id as string };
      case 'replay':
        return this.replayed(result.answer_id as string, result.request_hash, requestHash);
      case 'missing':
        throw notFound('Assignment');
      case 'submitted':
        return this.alreadySubmitted(result.answer_id, result.request_hash, requestHash);
      case 'lease_expired':
        throw conflict(LEASE_EXPIRED);
      default:
        throw conflict(`This assignment was ${result.outcome}`);
    }
  }

  private alreadySubmitted(answerId: string | null, answerHash: string | null, requestHash: string): SubmitAnswerResponse {
    if (answerId && answerHash === requestHash) return { answerId };
    throw conflict('This assignment already has an answer');
  }

  private replayed(answerId: string, answerHash: string | null, requestHash: string): SubmitAnswerResponse {
    if (answerHash !== requestHash) throw new DomainError(ErrorCode.IdempotencyMismatch, 'This Idempotency-Key was used with a different request');
    return { answerId };
  }

  private async replay(principal: Principal, key: string | undefined, requestHash: string): Promise<SubmitAnswerResponse | null> {
    if (!key) return null;
    const [existing] = await this.dataSource.query(`SELECT id, request_hash AS "requestHash" FROM answers WHERE annotator_id = $1 AND idempotency_key = $2`, [principal.userId, key]);
    return existing ? this.replayed(existing.id, existing.requestHash, requestHash) : null;
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
