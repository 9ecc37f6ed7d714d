import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { OrgKind, Role } from '@quorum/contracts';
import { AuditService, SYSTEM_ACTOR } from '@quorum/api/audit';
import { PasswordHasher } from '@quorum/api/auth';
import type { AppConfig } from '@quorum/api/config';
import { IdentityService, OrgEntity, UserEntity } from '@quorum/api/identity';
import { DataSource } from 'typeorm';
import { RegistryService } from '@quorum/api/registry';
import { ItemImportService, JobsService, toJsonLines } from '@quorum/api/jobs';
import { VendorProfileService } from '@quorum/api/routing';
import { Readable } from 'node:stream';
import { demoJobs, DEMO_VENDOR_PROFILES } from './demo-jobs';
import type { Principal } from '@quorum/api/auth';
import { DEMO_ENTITIES, DEMO_INTERESTS, DEMO_ORGS, DEMO_PASSWORD } from './demo-world';

/**
 * Builds the demo world of DESIGN.md. Safe to run again: whatever exists (by org name or user
 * email) is left alone, so a second run adds nothing and changes nothing.
 */
export class DemoSeeder {
  private readonly dataSource: DataSource;
  private readonly identity: IdentityService;
  private readonly hasher: PasswordHasher;
  private readonly audit: AuditService;
  private readonly registry: RegistryService;
  private readonly jobs: JobsService;
  private readonly itemImport: ItemImportService;
  private readonly vendorProfiles: VendorProfileService;
  private readonly created: string[] = [];

  constructor(app: INestApplicationContext, private readonly config: AppConfig) {
    this.dataSource = app.get<DataSource>(getDataSourceToken());
    this.identity = app.get(IdentityService);
    this.hasher = app.get(PasswordHasher);
    this.audit = app.get(AuditService);
    this.registry = app.get(RegistryService);
    this.jobs = app.get(JobsService);
    this.itemImport = app.get(ItemImportService);
    this.vendorProfiles = app.get(VendorProfileService);
  }

  async run(): Promise<string> {
    const lines: string[] = [];
    const adminPassword = await this.ensureAdmin(lines);
    for (const org of DEMO_ORGS) {
      const orgId = await this.ensureOrg(org.name, org.kind);
      for (const user of org.users) await this.ensureUser(orgId, user.email, user.displayName, user.roles, DEMO_PASSWORD);
    }
    await this.ensureOwnership();
    await this.ensureVendorProfiles();
    await this.ensureJobs();
    lines.push(
      this.created.length ? `Seeded ${this.created.length} records: ${this.created.join(', ')}` : 'Demo world already present; nothing to add.',
      '',
      'Demo logins:',
      `  platform admin  admin@quorum.local  ${adminPassword ?? '(password from QUORUM_ADMIN_PASSWORD or the first seed run)'}`,
      ...DEMO_ORGS.flatMap((org) => org.users.map((u) => `  ${u.roles[0].padEnd(14)}  ${u.email.padEnd(30)}  ${DEMO_PASSWORD}   (${org.name})`)),
    );
    return lines.join('\n');
  }

  /** Returns the admin password when this run created the account (it is printed once, then never again). */
  private async ensureAdmin(lines: string[]): Promise<string | null> {
    const orgId = await this.ensureOrg('Quorum Platform', 'platform');
    const existing = await this.dataSource.getRepository(UserEntity).findOneBy({ email: 'admin@quorum.local' });
    if (existing) return this.config.adminPassword;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    await this.ensureUser(orgId, 'admin@quorum.local', 'Platform Admin', ['platform_admin'], password);
    if (!this.config.adminPassword) lines.push(`Generated platform admin password (shown once): ${password}`);
    return password;
  }

  /** The demo ownership graph, recorded through the registry like any admin would (audited, evaluated). */
  private async ensureOwnership(): Promise<void> {
    const [admin] = await this.dataSource.query(`SELECT u.id, u.org_id AS "orgId" FROM users u WHERE u.email = 'admin@quorum.local'`);
    const principal: Principal = { userId: admin.id, orgId: admin.orgId, orgKind: 'platform', roles: ['platform_admin'] };
    const ctx = { ip: '127.0.0.1', requestId: 'seed' };
    for (const entity of DEMO_ENTITIES) {
      const [existing] = await this.dataSource.query('SELECT id FROM entities WHERE name = $1 AND org_id IS NULL', [entity.name]);
      if (!existing) {
        await this.registry.createEntity(principal, { name: entity.name, kind: entity.kind }, ctx);
        this.created.push(`entity ${entity.name}`);
      }
    }
    const ids = new Map<string, string>(
      (await this.dataSource.query('SELECT id, name FROM entities')).map((r: { id: string; name: string }) => [r.name, r.id]),
    );
    for (const i of DEMO_INTERESTS) {
      const party = ids.get(i.party);
      const subject = ids.get(i.subject);
      if (!party || !subject) throw new Error(`demo world: unknown entity in ${i.party} → ${i.subject}`);
      const [existing] = await this.dataSource.query(
        'SELECT id FROM interests WHERE interested_party_id = $1 AND subject_id = $2 AND type = $3 AND superseded_at IS NULL',
        [party, subject, i.type],
      );
      if (existing) continue;
      await this.registry.recordInterest(
        principal,
        { interestedPartyId: party, subjectId: subject, type: i.type, share: i.share, startDate: i.startDate, details: i.details, source: { description: i.source } },
        ctx,
      );
      this.created.push(`interest ${i.party} → ${i.subject} (${i.type})`);
    }
  }

  private async principalOf(email: string): Promise<Principal> {
    const [user] = await this.dataSource.query(
      `SELECT u.id, u.org_id AS "orgId", u.roles, o.kind FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.email = $1`,
      [email],
    );
    return { userId: user.id, orgId: user.orgId, orgKind: user.kind, roles: user.roles };
  }

  private async ensureVendorProfiles(): Promise<void> {
    const ctx = { ip: '127.0.0.1', requestId: 'seed' };
    for (const org of DEMO_ORGS.filter((o) => o.kind === 'vendor')) {
      const admin = await this.principalOf(org.users[0].email);
      const [existing] = await this.dataSource.query('SELECT 1 FROM vendor_profiles WHERE vendor_org_id = $1', [admin.orgId]);
      if (existing) continue;
      await this.vendorProfiles.put(admin, DEMO_VENDOR_PROFILES[org.name], ctx);
      this.created.push(`vendor profile ${org.name}`);
    }
  }

  /** One published job of every task type for Northwind AI, on the real public data in the repo. */
  private async ensureJobs(): Promise<void> {
    const lab = await this.principalOf('lab@northwind.example');
    const ctx = { ip: '127.0.0.1', requestId: 'seed' };
    for (const job of demoJobs(process.cwd())) {
      const [existing] = await this.dataSource.query('SELECT id FROM jobs WHERE lab_org_id = $1 AND title = $2', [lab.orgId, job.title]);
      if (existing) continue;
      const created = await this.jobs.create(
        lab,
        {
          title: job.title,
          instructions: `${job.instructions}\n\n_Data: ${job.source}._`,
          taskType: job.taskType,
          schema: job.schema,
          overlap: job.overlap,
          minDistinctVendors: job.minDistinctVendors,
          goldRatio: job.goldRatio,
          pricePerAnswer: job.pricePerAnswer,
          budget: Math.ceil(job.items.length * job.overlap * job.pricePerAnswer * 1.2),
          languages: ['en'],
        },
        ctx,
      );
      await this.itemImport.import(lab, created.id, Readable.from([toJsonLines(job.items, { withAnswers: false })]), 'jsonl', false, ctx);
      if (job.gold.length) await this.itemImport.import(lab, created.id, Readable.from([toJsonLines(job.gold, { withAnswers: true })]), 'jsonl', true, ctx);
      await this.jobs.publish(lab, created.id, ctx);
      this.created.push(`job ${job.title} (${job.items.length} items, ${job.gold.length} gold)`);
    }
  }

  private async ensureOrg(name: string, kind: OrgKind): Promise<string> {
    const existing = await this.dataSource.getRepository(OrgEntity).createQueryBuilder('o').where('lower(o.name) = lower(:name)', { name }).getOne();
    if (existing) return existing.id;
    const org = await this.dataSource.transaction(async (manager) => {
      const created = await this.identity.createOrg(manager, { name, kind });
      await this.audit.append(manager, { actor: SYSTEM_ACTOR('seed'), type: 'org.registered', subject: `org:${created.org.id}`, data: { name, kind, entityId: created.entityId } });
      return created.org;
    });
    this.created.push(`org ${name}`);
    return org.id;
  }

  private async ensureUser(orgId: string, email: string, displayName: string, roles: Role[], password: string): Promise<void> {
    if (await this.dataSource.getRepository(UserEntity).findOneBy({ email })) return;
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.identity.insertUser(manager, { email, passwordHash, displayName, orgId, roles });
      await this.audit.append(manager, { actor: SYSTEM_ACTOR('seed'), type: 'user.created', subject: `user:${user.id}`, data: { orgId, roles } });
    });
    this.created.push(`user ${email}`);
  }
}
