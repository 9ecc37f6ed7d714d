import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobStats, ReviewView, TaskSchema, TaskType } from '@quorum/contracts';
import { AuditService, SYSTEM_ACTOR } from '@quorum/api/audit';
import type { Principal } from '@quorum/api/auth';
import { conflict, forbidden, notFound, validationFailed } from '@quorum/api/errors';
import { validateAnswer } from '@quorum/api/jobs';
import { OutboxService } from '@quorum/api/queue';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource, EntityManager } from 'typeorm';
import { aggregateItem } from './aggregation';
import { resultLinesCopySql } from './results-copy';
import { WebhookEvents } from '@quorum/api/delivery';

const REVIEW_LEASE_SECONDS = 900;

interface ItemContext {
  itemId: string;
  jobId: string;
  labOrgId: string;
  taskType: TaskType;
  schema: TaskSchema;
  data: unknown;
  overlap: number;
  agreementThreshold: number;
}

/** Annotator weight for aggregation: accuracy on gold, shrunk towards a neutral 0.7 while there is little evidence. */
const weightSql = `coalesce((q.gold_score_sum + 0.7 * 5) / (q.gold_answers + 5), 0.7)`;

@Injectable()
export class QualityService {
  private readonly logger = new Logger(QualityService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly webhooks: WebhookEvents,
  ) {}

  /**
   * Worker: an item has all its answers. Aggregate by task type, weighting annotators by their gold
   * accuracy; low agreement (or free text) goes to review; every answer's agreement with the
   * consensus feeds the annotator's quality; a finished item may finish the job.
   */
  async aggregate(itemId: string): Promise<{ status: string; agreement: number } | { skipped: string }> {
    const outboxIds: string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const ctx = await this.itemContext(manager, itemId);
      if (!ctx) return { skipped: 'item not found' };
      const answers: { annotatorId: string; answer: never; weight: number }[] = await manager.query(
        `SELECT a.annotator_id AS "annotatorId", a.answer, ${weightSql}::float AS weight
           FROM answers a LEFT JOIN annotator_quality q ON q.annotator_id = a.annotator_id
          WHERE a.item_id = $1 AND NOT a.is_gold ORDER BY a.created_at`,
        [itemId],
      );
      const aggregated = aggregateItem(ctx.taskType, ctx.schema as never, ctx.data as never, answers);
      const needsReview = aggregated.aggregate === null || (ctx.overlap > 1 && aggregated.agreement < ctx.agreementThreshold);
      const status = needsReview ? 'review' : 'aggregated';
      // xmax = 0: this run inserted the result; otherwise the job is a repeat (a worker killed after the commit, a re-enqueue).
      const [{ inserted }]: { inserted: boolean }[] = await manager.query(
        `INSERT INTO item_results (item_id, job_id, aggregate, confidence, agreement, answer_count, status, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (item_id) DO UPDATE SET aggregate = EXCLUDED.aggregate, confidence = EXCLUDED.confidence, agreement = EXCLUDED.agreement,
           answer_count = EXCLUDED.answer_count, status = CASE WHEN item_results.status = 'reviewed' THEN 'reviewed' ELSE EXCLUDED.status END,
           details = EXCLUDED.details, updated_at = now()
         RETURNING (xmax = 0) AS inserted`,
        [itemId, ctx.jobId, aggregated.aggregate === null ? null : JSON.stringify(aggregated.aggregate), aggregated.confidence, aggregated.agreement, answers.length, status, JSON.stringify(aggregated.details ?? {})],
      );
      if (needsReview) {
        await manager.query(`INSERT INTO reviews (item_id, job_id) VALUES ($1, $2) ON CONFLICT (item_id) DO NOTHING`, [itemId, ctx.jobId]);
      } else {
        // The lab hears of each item once, however often the job runs.
        if (inserted) outboxIds.push(...(await this.webhooks.emit(manager, ctx.labOrgId, 'item.completed', { jobId: ctx.jobId, itemId, aggregate: aggregated.aggregate, confidence: aggregated.confidence, agreement: aggregated.agreement })));
        outboxIds.push(...(await this.completeJobIfDone(manager, ctx)));
      }
      return { status, agreement: aggregated.agreement };
    });
    await this.outbox.publish(outboxIds);
    return result;
  }

  private async itemContext(manager: EntityManager, itemId: string): Promise<ItemContext | null> {
    const [row] = await manager.query(
      `SELECT i.id AS "itemId", i.job_id AS "jobId", j.lab_org_id AS "labOrgId", j.task_type AS "taskType", j.schema, i.data, j.overlap,
              j.agreement_threshold::float AS "agreementThreshold"
         FROM items i JOIN jobs j ON j.id = i.job_id WHERE i.id = $1`,
      [itemId],
    );
    return row ?? null;
  }

  /** A job completes when every real item is aggregated or reviewed. */
  private async completeJobIfDone(manager: EntityManager, ctx: Pick<ItemContext, 'jobId' | 'labOrgId'>): Promise<string[]> {
    // Serialise the check per job: the last two items aggregated at once would each count the
    // other as still open, and the job would never complete.
    await manager.query('SELECT 1 FROM jobs WHERE id = $1 FOR UPDATE', [ctx.jobId]);
    const [{ open }] = await manager.query(
      `SELECT count(*)::int AS open FROM items i LEFT JOIN item_results r ON r.item_id = i.id
        WHERE i.job_id = $1 AND NOT i.is_gold AND (r.item_id IS NULL OR r.status = 'review')`,
      [ctx.jobId],
    );
    if (open > 0) return [];
    const [, changed] = await manager.query(`UPDATE jobs SET status = 'completed', updated_at = now() WHERE id = $1 AND status IN ('published', 'in_progress')`, [ctx.jobId]);
    if (!changed) return [];
    await this.audit.append(manager, { actor: SYSTEM_ACTOR('quality'), type: 'job.completed', subject: `job:${ctx.jobId}`, data: {} });
    return this.webhooks.emit(manager, ctx.labOrgId, 'job.completed', { jobId: ctx.jobId });
  }

  /**
   * Vendor quality for routing: accuracy on gold across the vendor's annotators (shrunk towards 0.5
   * while there are few gold answers), discounted by the share of leases abandoned. Vendors with no
   * evidence at all are absent (routing uses its neutral prior).
   */
  async vendorQuality(vendorOrgIds: string[]): Promise<Map<string, number>> {
    if (!vendorOrgIds.length) return new Map();
    const rows: { vendorOrgId: string; gold: number; abandonRate: number }[] = await this.dataSource.query(
      `SELECT q.vendor_org_id AS "vendorOrgId",
              ((sum(q.gold_score_sum) + 0.5 * 10) / (sum(q.gold_answers) + 10))::float AS gold,
              (sum(q.abandoned)::float / greatest(sum(q.abandoned) + coalesce((SELECT count(*) FROM answers a WHERE a.vendor_org_id = q.vendor_org_id), 0), 1)) AS "abandonRate"
         FROM annotator_quality q WHERE q.vendor_org_id = ANY($1::uuid[]) GROUP BY q.vendor_org_id`,
      [vendorOrgIds],
    );
    return new Map(rows.map((r) => [r.vendorOrgId, Math.max(0, Math.min(1, r.gold * (1 - 0.5 * r.abandonRate)))]));
  }

  // ---------------------------------------------------------------------------------------------
  // Review queue
  // ---------------------------------------------------------------------------------------------

  private assertReviewer(principal: Principal): void {
    if (principal.orgKind !== 'vendor' || !principal.roles.includes('reviewer')) throw forbidden('Reviews are served to reviewers');
  }

  /** The oldest open review of a job routed to the reviewer's vendor, on an item the reviewer did not answer. */
  async nextReview(principal: Principal): Promise<ReviewView | null> {
    this.assertReviewer(principal);
    const reviewId = await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `SELECT r.id FROM reviews r
          WHERE (r.status = 'open' OR (r.status = 'leased' AND r.leased_until < now()))
            AND EXISTS (SELECT 1 FROM job_vendors jv WHERE jv.job_id = r.job_id AND jv.vendor_org_id = $1 AND jv.status IN ('offered', 'accepted'))
            AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.item_id = r.item_id AND a.annotator_id = $2)
          ORDER BY r.created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [principal.orgId, principal.userId],
      );
      if (!row) return null;
      await manager.query(`UPDATE reviews SET status = 'leased', reviewer_id = $2, leased_until = now() + make_interval(secs => $3) WHERE id = $1`, [row.id, principal.userId, REVIEW_LEASE_SECONDS]);
      return row.id as string;
    });
    return reviewId ? this.reviewView(reviewId) : null;
  }

  private async reviewView(reviewId: string): Promise<ReviewView> {
    const [r] = await this.dataSource.query(
      `SELECT r.id, r.item_id AS "itemId", r.job_id AS "jobId", r.leased_until AS "leasedUntil", j.title, j.task_type AS "taskType", j.schema, j.instructions, i.data,
              res.aggregate, res.agreement::float AS agreement
         FROM reviews r JOIN jobs j ON j.id = r.job_id JOIN items i ON i.id = r.item_id LEFT JOIN item_results res ON res.item_id = r.item_id
        WHERE r.id = $1`,
      [reviewId],
    );
    const answers = await this.dataSource.query(`SELECT answer, 'annotator ' || (row_number() OVER (ORDER BY created_at))::text AS annotator FROM answers WHERE item_id = $1 AND NOT is_gold ORDER BY created_at`, [r.itemId]);
    return {
      reviewId: r.id,
      jobId: r.jobId,
      jobTitle: r.title,
      taskType: r.taskType,
      schema: r.schema,
      instructions: r.instructions,
      item: { id: r.itemId, data: r.data },
      answers,
      aggregate: r.aggregate,
      agreement: r.agreement ?? 0,
      leaseExpiresAt: r.leasedUntil.toISOString(),
    };
  }

  async decide(principal: Principal, reviewId: string, aggregate: unknown): Promise<{ status: 'reviewed' }> {
    this.assertReviewer(principal);
    const outboxIds = await this.dataSource.transaction(async (manager) => {
      const [review] = await manager.query(`SELECT id, item_id AS "itemId", status, reviewer_id AS "reviewerId", leased_until AS "leasedUntil" FROM reviews WHERE id = $1 FOR UPDATE`, [reviewId]);
      if (!review || review.reviewerId !== principal.userId) throw notFound('Review');
      if (review.status === 'done') throw conflict('This review is already decided');
      if (review.leasedUntil.getTime() < Date.now()) throw conflict('The lease on this review expired; take the next review');
      const ctx = await this.itemContext(manager, review.itemId);
      if (!ctx) throw notFound('Review');
      const checked = validateAnswer(ctx.taskType, ctx.schema, ctx.data, aggregate);
      if (!checked.ok) throw validationFailed(checked.errors.map((e) => ({ path: e.path.replace(/^answer/, 'aggregate'), message: e.message })), 'The decision does not fit the task');
      await manager.query(`UPDATE reviews SET status = 'done', decision = $2, decided_at = now() WHERE id = $1`, [reviewId, JSON.stringify(checked.answer)]);
      await manager.query(`UPDATE item_results SET aggregate = $2, status = 'reviewed', confidence = 1, updated_at = now() WHERE item_id = $1`, [review.itemId, JSON.stringify(checked.answer)]);
      await this.audit.append(manager, { actor: { userId: principal.userId, orgId: principal.orgId, roles: principal.roles }, type: 'review.decided', subject: `item:${review.itemId}`, data: { reviewId } });
      const ids = await this.webhooks.emit(manager, ctx.labOrgId, 'item.completed', { jobId: ctx.jobId, itemId: review.itemId, aggregate: checked.answer, reviewed: true });
      ids.push(...(await this.completeJobIfDone(manager, ctx)));
      return ids;
    });
    await this.outbox.publish(outboxIds);
    return { status: 'reviewed' };
  }

  /** Answers per hour (last 7 days), the distribution of item agreement, and answers per vendor. */
  async jobStats(jobId: string): Promise<JobStats> {
    const [throughput, agreement, byVendor, [mean]] = await Promise.all([
      this.dataSource.query(
        `SELECT to_char(date_trunc('hour', created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:00:00"Z"') AS hour, count(*)::int AS answers
           FROM answers WHERE job_id = $1 AND NOT is_gold AND created_at > now() - interval '7 days' GROUP BY 1 ORDER BY 1`,
        [jobId],
      ),
      this.dataSource.query(
        `SELECT least(floor(agreement * 10), 9)::int / 10.0 AS bucket, count(*)::int AS items FROM item_results WHERE job_id = $1 GROUP BY 1 ORDER BY 1`,
        [jobId],
      ),
      this.dataSource.query(
        `SELECT a.vendor_org_id AS "vendorOrgId", o.name AS "vendorName", count(*)::int AS answers, avg(a.time_spent_ms)::float AS "meanTimeMs"
           FROM answers a JOIN organizations o ON o.id = a.vendor_org_id WHERE a.job_id = $1 AND NOT a.is_gold GROUP BY a.vendor_org_id, o.name ORDER BY answers DESC`,
        [jobId],
      ),
      this.dataSource.query(`SELECT avg(agreement)::float AS value FROM item_results WHERE job_id = $1`, [jobId]),
    ]);
    return { jobId, throughput, agreement: agreement.map((a: { bucket: string; items: number }) => ({ bucket: Number(a.bucket), items: a.items })), byVendor, meanAgreement: mean?.value ?? null };
  }

  // ---------------------------------------------------------------------------------------------
  // Results
  // ---------------------------------------------------------------------------------------------

  /**
   * Every result line of a job in item order, as one COPY: a stream of JSON texts, one per line
   * (LF-terminated), with the keys and values of ResultLine; jsonb parts keep Postgres's spacing,
   * so readers parse each line. The connection goes back to the pool when the stream ends; a stream
   * cut short (the client went away) discards it, since it is mid-COPY.
   */
  async resultLineStream(jobId: string): Promise<Readable> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    // Released with an error, pg-pool closes the connection instead of reusing it.
    const release = (runner as unknown as { releasePostgresConnection(error?: Error): Promise<void> }).releasePostgresConnection.bind(runner);
    try {
      await runner.startTransaction();
      // The plan's cost (a small aggregate per item) looks large enough for JIT, whose compiling took
      // seconds on a 1M-item job and saved nothing.
      await runner.query('SET LOCAL jit = off');
      // The COPY runs as long as the client takes to read the export; the pool's 30 s statement
      // timeout would cut a large one short after its 200 was sent.
      await runner.query('SET LOCAL statement_timeout = 0');
    } catch (error) {
      await release(error as Error);
      throw error;
    }
    const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    const stream = client.query(copyTo(resultLinesCopySql(jobId)));
    let ended = false;
    stream.once('end', () => (ended = true));
    stream.once('close', () => {
      if (!ended) return void release(new Error('result export cut short'));
      runner.commitTransaction().then(
        () => release(),
        (error: Error) => release(error),
      );
    });
    return stream;
  }
}
