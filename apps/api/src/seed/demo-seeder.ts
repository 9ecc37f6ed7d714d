import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { OrgKind, Role } from '@quorum/contracts';
import { AuditService, SYSTEM_ACTOR } from '@quorum/api/audit';
import { PasswordHasher } from '@quorum/api/auth';
import type { AppConfig } from '@quorum/api/config';
import { IdentityService, OrgEntity, UserEntity } from '@quorum/api/identity';
import { DataSource } from 'typeorm';
import { DEMO_ORGS, DEMO_PASSWORD } from './demo-world';

/**
 * Builds the demo world of DESIGN.md. Safe to run again: whatever exists (by org name or user
 * email) is left alone, so a second run adds nothing and changes nothing.
 */
export class DemoSeeder {
  private readonly dataSource: DataSource;
  private readonly identity: IdentityService;
  private readonly hasher: PasswordHasher;
  private readonly audit: AuditService;
  private readonly created: string[] = [];

  constructor(app: INestApplicationContext, private readonly config: AppConfig) {
    this.dataSource = app.get<DataSource>(getDataSourceToken());
    this.identity = app.get(IdentityService);
    this.hasher = app.get(PasswordHasher);
    this.audit = app.get(AuditService);
  }

  async run(): Promise<string> {
    const lines: string[] = [];
    const adminPassword = await this.ensureAdmin(lines);
    for (const org of DEMO_ORGS) {
      const orgId = await this.ensureOrg(org.name, org.kind);
      for (const user of org.users) await this.ensureUser(orgId, user.email, user.displayName, user.roles, DEMO_PASSWORD);
    }
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
