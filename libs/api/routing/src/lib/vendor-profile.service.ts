import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TaskType, VendorProfile } from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import type { Principal, RequestMeta } from '@quorum/api/auth';
import { forbidden } from '@quorum/api/errors';
import { OutboxService } from '@quorum/api/queue';
import { actorOf } from '@quorum/api/registry';
import { DataSource } from 'typeorm';
import type { VendorProfileDto } from './vendor-profile.dto';

export interface StoredVendorProfile extends VendorProfile {
  vendorOrgId: string;
  updatedAt: string | null;
}

const EMPTY: VendorProfile = { skills: [], languages: [], capacityPerHour: 0, prices: {} };

@Injectable()
export class VendorProfileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async profiles(vendorOrgIds?: string[]): Promise<Map<string, StoredVendorProfile>> {
    const rows: { vendorOrgId: string; skills: TaskType[]; languages: string[]; capacityPerHour: number; prices: VendorProfile['prices']; updatedAt: Date }[] = await this.dataSource.query(
      `SELECT vendor_org_id AS "vendorOrgId", skills, languages, capacity_per_hour AS "capacityPerHour", prices, updated_at AS "updatedAt"
         FROM vendor_profiles ${vendorOrgIds ? 'WHERE vendor_org_id = ANY($1::uuid[])' : ''}`,
      vendorOrgIds ? [vendorOrgIds] : [],
    );
    return new Map(rows.map((r) => [r.vendorOrgId, { ...r, updatedAt: r.updatedAt.toISOString() }]));
  }

  async get(principal: Principal): Promise<StoredVendorProfile> {
    if (principal.orgKind !== 'vendor') throw forbidden('Only vendors have a vendor profile');
    return (await this.profiles([principal.orgId])).get(principal.orgId) ?? { vendorOrgId: principal.orgId, ...EMPTY, updatedAt: null };
  }

  /** A capacity or skill change re-routes the vendor's live jobs' unrouted slots. */
  async put(principal: Principal, dto: VendorProfileDto, ctx: RequestMeta): Promise<StoredVendorProfile> {
    if (principal.orgKind !== 'vendor' || !principal.roles.includes('vendor_admin')) throw forbidden("Only the vendor's admin can change its profile");
    const outboxIds = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO vendor_profiles (vendor_org_id, skills, languages, capacity_per_hour, prices, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (vendor_org_id) DO UPDATE SET skills = EXCLUDED.skills, languages = EXCLUDED.languages, capacity_per_hour = EXCLUDED.capacity_per_hour,
           prices = EXCLUDED.prices, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [principal.orgId, dto.skills, dto.languages, dto.capacityPerHour, JSON.stringify(dto.prices), principal.userId],
      );
      await this.audit.append(manager, { actor: actorOf(principal, ctx), type: 'vendor.profile_updated', subject: `org:${principal.orgId}`, data: { ...dto } });
      // Jobs with unrouted slots may now find this vendor eligible.
      const jobs: { id: string }[] = await manager.query(
        `SELECT DISTINCT j.id FROM jobs j JOIN slots s ON s.job_id = j.id AND s.vendor_org_id IS NULL AND s.status = 'open'
          WHERE j.status IN ('published', 'in_progress') LIMIT 1000`,
      );
      const ids: string[] = [];
      for (const job of jobs) ids.push(await this.outbox.add(manager, 'routing.route', { jobId: job.id, reason: 'capacity-changed' }));
      return ids;
    });
    await this.outbox.publish(outboxIds);
    return this.get(principal);
  }
}
