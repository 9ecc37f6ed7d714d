import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditActor, ConflictPolicy, RoutingShare, TaskType } from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import { NeutralityService } from '@quorum/api/neutrality';
import { DataSource, EntityManager } from 'typeorm';
import { allocateSlots, VendorCandidate } from './allocation';
import { VendorProfileService } from './vendor-profile.service';
import { QUALITY_PRIOR, VENDOR_QUALITY, VendorQualitySource } from './vendor-quality';

/** What routing needs to know about a job. */
export interface RoutingJob {
  id: string;
  labOrgId: string;
  taskType: TaskType;
  overlap: number;
  minDistinctVendors: number;
  pricePerAnswer: number;
  languages: string[];
  conflictPolicy: ConflictPolicy | null;
}

export interface RoutingOutcome {
  assigned: Record<string, number>;
  withdrawn: Record<string, number>;
  excluded: Record<string, string>;
  unrouted: number;
  note: string | null;
  ms: number;
}


/** Items per INSERT when slots are created (× overlap rows each). */
const INSERT_BATCH_ITEMS = 50_000;
const MAX_BIGINT = '9223372036854775807';

/**
 * Contiguous ranks per vendor, in allocation order, as SQL reads them: `width_bucket(rank, lo)`
 * (a binary search over the sorted starts) names the vendor of a rank below `total`. A range
 * join (rank BETWEEN lo AND hi) would compare every slot with every vendor.
 */
function ranges(order: [string, number][]): { vendors: (string | null)[]; lo: number[]; total: number } {
  const out = { vendors: [] as (string | null)[], lo: [] as number[], total: 0 };
  for (const [vendor, n] of order) {
    if (n <= 0) continue;
    out.vendors.push(vendor);
    out.lo.push(out.total);
    out.total += n;
  }
  // width_bucket needs a non-empty threshold array; total 0 routes nothing.
  if (!out.vendors.length) return { vendors: [null], lo: [0], total: 0 };
  return out;
}

@Injectable()
export class RoutingService {
  private readonly logger = new Logger(RoutingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly neutrality: NeutralityService,
    private readonly profiles: VendorProfileService,
    private readonly audit: AuditService,
    @Optional() @Inject(VENDOR_QUALITY) private readonly quality?: VendorQualitySource,
  ) {}

  /**
   * Routes the job's unrouted open slots over the vendors eligible now: neutral for the lab (or
   * for the job's own policy), skilled, speaking the job's languages, priced at or under the job's
   * price, with capacity, and not having declined. Open slots held by a vendor that is no longer
   * neutral are withdrawn first. Set-based: one UPDATE places every slot. Answered slots never move.
   */
  async route(job: RoutingJob, reason: string, actor: AuditActor): Promise<RoutingOutcome> {
    const started = Date.now();
    const outcome = await this.dataSource.transaction(async (manager) => {
      // One routing pass per job at a time.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`routing:${job.id}`]);

      const vendors: { orgId: string; name: string; jobStatus: string | null }[] = await manager.query(
        `SELECT o.id AS "orgId", o.name, jv.status AS "jobStatus" FROM organizations o
           LEFT JOIN job_vendors jv ON jv.vendor_org_id = o.id AND jv.job_id = $1
          WHERE o.kind = 'vendor' ORDER BY o.id`,
        [job.id],
      );
      const ids = vendors.map((v) => v.orgId);
      const [statuses, profiles, quality] = await Promise.all([
        this.neutrality.statusesForJob(job.labOrgId, ids, job.conflictPolicy),
        this.profiles.profiles(ids),
        this.quality ? this.quality.vendorQuality(ids) : Promise.resolve(new Map<string, number>()),
      ]);

      const excluded: Record<string, string> = {};
      const candidates: VendorCandidate[] = [];
      for (const v of vendors) {
        const profile = profiles.get(v.orgId);
        const price = profile?.prices[job.taskType];
        let why: string | null = null;
        if (statuses.get(v.orgId) === 'blocked') why = 'blocked by neutrality';
        else if (v.jobStatus === 'declined') why = 'declined this job';
        else if (!profile || !profile.skills.includes(job.taskType)) why = `no ${job.taskType} skill`;
        else if (job.languages.some((l) => !profile.languages.includes(l))) why = `does not cover ${job.languages.join(', ')}`;
        else if (profile.capacityPerHour <= 0) why = 'no capacity';
        else if (price === undefined) why = `no price for ${job.taskType}`;
        else if (price > job.pricePerAnswer) why = `price ${price} above the job's ${job.pricePerAnswer}`;
        if (why || !profile || price === undefined) excluded[v.orgId] = why ?? 'not eligible';
        else candidates.push({ vendorOrgId: v.orgId, capacityPerHour: profile.capacityPerHour, price, quality: quality.get(v.orgId) ?? QUALITY_PRIOR });
      }

      // Withdraw open slots from vendors that are blocked now (nothing answered moves).
      const blocked = vendors.filter((v) => statuses.get(v.orgId) === 'blocked').map((v) => v.orgId);
      const withdrawn = blocked.length ? await this.withdrawMany(manager, job.id, blocked, 'withdrawn', 'blocked by neutrality') : {};

      const eligible = candidates.map((c) => c.vendorOrgId);
      const allocate = (slots: number, items: number) =>
        [...allocateSlots({ candidates, slots, items, overlap: job.overlap, minDistinctVendors: job.minDistinctVendors, jobPrice: job.pricePerAnswer }).entries()];
      const assigned: Record<string, number> = {};
      const count = (order: [string, number][]) => {
        for (const [v, n] of order) assigned[v] = (assigned[v] ?? 0) + n;
      };

      // 1. Slots that exist but have no vendor (withdrawn, declined, or waiting for one): re-route.
      const [{ slots: waiting, items: waitingItems }] = await manager.query(
        `SELECT coalesce(sum(per_slot), 0)::int AS slots, coalesce(max(per_slot), 0)::int AS items FROM (
           SELECT slot_no, count(*) AS per_slot FROM slots WHERE job_id = $1 AND vendor_org_id IS NULL AND status = 'open' GROUP BY slot_no) t`,
        [job.id],
      );
      if (waiting > 0 && candidates.length) {
        const order = allocate(waiting, waitingItems);
        const { vendors: rv, lo, total } = ranges(order);
        await manager.query(
          `WITH ranked AS (
             SELECT item_id, slot_no, row_number() OVER (ORDER BY slot_no, item_seq) - 1 AS rn
               FROM slots WHERE job_id = $1 AND vendor_org_id IS NULL AND status = 'open')
           UPDATE slots s SET vendor_org_id = ($2::uuid[])[width_bucket(ranked.rn, $3::bigint[])], routed_at = now()
             FROM ranked
            WHERE s.item_id = ranked.item_id AND s.slot_no = ranked.slot_no AND ranked.rn < $4`,
          [job.id, rv, lo, total],
        );
        // A re-routed slot can land beside a slot of the same item at the same vendor; move it to
        // an eligible vendor the item does not use yet, where there is one.
        await manager.query(
          `UPDATE slots s SET vendor_org_id = alt.vendor
             FROM (
               SELECT d.item_id, d.slot_no,
                      (SELECT c.v FROM unnest($2::uuid[]) WITH ORDINALITY AS c(v, ord)
                        WHERE NOT EXISTS (SELECT 1 FROM slots o WHERE o.item_id = d.item_id AND o.vendor_org_id = c.v)
                        ORDER BY (c.ord + d.item_seq) % greatest(cardinality($2::uuid[]), 1) LIMIT 1) AS vendor
                 FROM slots d
                WHERE d.job_id = $1 AND d.status = 'open' AND d.routed_at >= now()
                  AND EXISTS (SELECT 1 FROM slots o WHERE o.item_id = d.item_id AND o.vendor_org_id = d.vendor_org_id
                                AND o.slot_no <> d.slot_no AND (o.routed_at IS NULL OR o.routed_at < now() OR o.slot_no < d.slot_no))
             ) alt
            WHERE s.item_id = alt.item_id AND s.slot_no = alt.slot_no AND alt.vendor IS NOT NULL`,
          [job.id, eligible],
        );
        count(order);
      }

      // 2. Items that have no slots yet (first routing, new items): create the slots with their
      // vendor, one INSERT per batch of items. Slot (item k of the missing ones by seq, slot n)
      // has rank n·missing + k, i.e. ranks walk slot 0 of every item, then slot 1, …; contiguous
      // ranges of at most one slot per item per vendor keep each item's slots on distinct
      // vendors. Batches are seq ranges whose first rank is known, so each statement stays short
      // (under the statement timeout) and reads only its part of the job's items.
      // A job without any slot (first routing) skips the per-item "has no slot yet" probe. The
      // probe goes by primary key only: statistics of slots are stale while a routing pass fills
      // them, and a job_id condition there made Postgres scan the job's slots once per item.
      const [{ hasSlots }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM slots WHERE job_id = $1) AS "hasSlots"`, [job.id]);
      const noSlotYet = hasSlots ? 'AND NOT EXISTS (SELECT 1 FROM slots s WHERE s.item_id = i.id)' : '';
      const [{ missing, starts }]: { missing: number; starts: string[] }[] = await manager.query(
        `SELECT count(*)::int AS missing, coalesce(array_agg(seq ORDER BY seq) FILTER (WHERE rn % $2 = 0), '{}') AS starts
           FROM (SELECT i.seq, row_number() OVER (ORDER BY i.seq) - 1 AS rn FROM items i
                  WHERE i.job_id = $1 AND NOT i.is_gold ${noSlotYet}) t`,
        [job.id, INSERT_BATCH_ITEMS],
      );
      if (missing > 0) {
        const order = candidates.length ? allocate(missing * job.overlap, missing) : [];
        const { vendors: rv, lo, total } = ranges(order);
        for (let b = 0; b < starts.length; b++) {
          await manager.query(
            `WITH fresh AS MATERIALIZED (
               SELECT i.id, i.seq, $7::bigint + row_number() OVER (ORDER BY i.seq) - 1 AS k
                 FROM items i
                WHERE i.job_id = $1 AND i.seq >= $8::bigint AND i.seq < $9::bigint AND NOT i.is_gold ${noSlotYet})
             INSERT INTO slots (item_id, slot_no, job_id, item_seq, vendor_org_id, routed_at)
             SELECT f.id, g.n, $1, f.seq, r.vendor, CASE WHEN r.vendor IS NULL THEN NULL ELSE now() END
               FROM fresh f CROSS JOIN generate_series(0, $2::int - 1) AS g(n)
               CROSS JOIN LATERAL (SELECT CASE WHEN g.n::bigint * $6 + f.k < $5
                                               THEN ($3::uuid[])[width_bucket(g.n::bigint * $6 + f.k, $4::bigint[])] END AS vendor) r`,
            [job.id, job.overlap, rv, lo, total, missing, b * INSERT_BATCH_ITEMS, starts[b], starts[b + 1] ?? MAX_BIGINT],
          );
        }
        count(order);
      }

      if (Object.keys(assigned).length) {
        await manager.query(
          `INSERT INTO job_vendors (job_id, vendor_org_id, status) SELECT $1, v, 'offered' FROM unnest($2::uuid[]) AS v
           ON CONFLICT (job_id, vendor_org_id) DO UPDATE SET status = CASE WHEN job_vendors.status = 'accepted' THEN 'accepted' ELSE 'offered' END,
             reason = NULL, updated_at = now()`,
          [job.id, Object.keys(assigned)],
        );
      }
      const [{ unrouted }] = await manager.query(`SELECT count(*)::int AS unrouted FROM slots WHERE job_id = $1 AND vendor_org_id IS NULL AND status = 'open'`, [job.id]);
      const placed = Object.values(assigned).reduce((a, b) => a + b, 0);
      const note = this.noteFor(vendors.length, candidates.length, excluded, unrouted);
      await manager.query('UPDATE jobs SET routing_note = $2, updated_at = now() WHERE id = $1', [job.id, note]);
      if (placed || Object.keys(withdrawn).length || note) {
        await this.audit.append(manager, {
          actor,
          type: 'routing.planned',
          subject: `job:${job.id}`,
          data: { reason, assigned, withdrawn, excluded, unrouted, note },
        });
      }
      return { assigned, withdrawn, excluded, unrouted, note };
    });
    const result = { ...outcome, ms: Date.now() - started };
    this.logger.log({ jobId: job.id, reason, ...result, excluded: Object.keys(result.excluded).length }, 'routed');
    return result;
  }

  /** Takes a vendor's open slots back (decline, neutrality block); they wait for the next routing pass. */
  async withdraw(manager: EntityManager, jobId: string, vendorOrgId: string, status: 'declined' | 'withdrawn', reason: string): Promise<number> {
    const [, count] = await manager.query(
      `UPDATE slots SET vendor_org_id = NULL, routed_at = NULL WHERE job_id = $1 AND vendor_org_id = $2 AND status = 'open'`,
      [jobId, vendorOrgId],
    );
    // Only vendors that were offered the job have a row to update: a blocked vendor that never
    // held any of its work does not become part of the job's routing.
    await manager.query(
      `UPDATE job_vendors SET status = CASE WHEN $3 = 'withdrawn' AND status = 'declined' THEN 'declined' ELSE $3 END, reason = $4, updated_at = now()
        WHERE job_id = $1 AND vendor_org_id = $2`,
      [jobId, vendorOrgId, status, reason],
    );
    return Number(count ?? 0);
  }

  /** withdraw() for several vendors at once: one UPDATE of the slots, one of the offers. */
  private async withdrawMany(manager: EntityManager, jobId: string, vendorOrgIds: string[], status: 'withdrawn', reason: string): Promise<Record<string, number>> {
    const rows: { vendorOrgId: string; n: number }[] = await manager.query(
      `WITH w AS (UPDATE slots SET vendor_org_id = NULL, routed_at = NULL FROM unnest($2::uuid[]) AS v(id)
                   WHERE job_id = $1 AND vendor_org_id = v.id AND status = 'open' RETURNING v.id)
       SELECT id AS "vendorOrgId", count(*)::int AS n FROM w GROUP BY id`,
      [jobId, vendorOrgIds],
    );
    // As in withdraw(): only vendors that were offered the job have a row; a declined one stays declined.
    await manager.query(
      `UPDATE job_vendors SET status = CASE WHEN status = 'declined' THEN 'declined' ELSE $3 END, reason = $4, updated_at = now()
        WHERE job_id = $1 AND vendor_org_id = ANY($2::uuid[])`,
      [jobId, vendorOrgIds, status, reason],
    );
    return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.vendorOrgId, r.n]));
  }

  async shares(jobId: string): Promise<RoutingShare[]> {
    return this.dataSource.query(
      `SELECT jv.vendor_org_id AS "vendorOrgId", o.name AS "vendorName", jv.status,
              coalesce(c.slots, 0)::int AS slots, coalesce(c.open, 0)::int AS "openSlots"
         FROM job_vendors jv JOIN organizations o ON o.id = jv.vendor_org_id
         LEFT JOIN (SELECT vendor_org_id, count(*) AS slots, count(*) FILTER (WHERE status = 'open') AS open
                      FROM slots WHERE job_id = $1 AND vendor_org_id IS NOT NULL GROUP BY vendor_org_id) c ON c.vendor_org_id = jv.vendor_org_id
        WHERE jv.job_id = $1 ORDER BY slots DESC, o.name`,
      [jobId],
    );
  }

  private noteFor(total: number, eligible: number, excluded: Record<string, string>, unrouted: number): string | null {
    if (unrouted <= 0) return null;
    const reasons = new Map<string, number>();
    for (const why of Object.values(excluded)) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    const detail = [...reasons.entries()].map(([why, n]) => `${n} ${why}`).join('; ');
    if (!eligible) return `Waiting: no eligible vendor among ${total} (${detail || 'none registered'}).`;
    return `${unrouted} slots wait for an eligible vendor (${eligible} eligible; ${detail || 'capacity exhausted'}).`;
  }
}
