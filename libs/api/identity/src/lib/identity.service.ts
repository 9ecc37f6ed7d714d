import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID, createHash } from 'node:crypto';
import {
  AccessTokenClaims,
  LoginResponse,
  MeResponse,
  MEMBER_ROLES_BY_ORG_KIND,
  MemberView,
  ORG_ADMIN_ROLES,
  OrgKind,
  OrgView,
  Page,
  RegisterResponse,
  Role,
  UserSummary,
} from '@quorum/contracts';
import { AuditService } from '@quorum/api/audit';
import { hasAnyRole, isPlatformStaff, PasswordHasher, Principal } from '@quorum/api/auth';
import { decodeCursor, encodeCursor, isUniqueViolation, pageLimit } from '@quorum/api/database';
import { conflict, DomainError, domainRule, ErrorCode, forbidden, notFound } from '@quorum/api/errors';
import { EntitiesService } from '@quorum/api/registry';
import { DataSource, EntityManager } from 'typeorm';
import { CreateMemberDto, LoginDto, RegisterDto } from './identity.dto';
import { LoginRateLimiter } from './login-rate-limiter';
import { OrgEntity } from './org.entity';
import { UserEntity } from './user.entity';

export interface RequestContext {
  ip: string;
  requestId: string;
}

@Injectable()
export class IdentityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly entities: EntitiesService,
    private readonly rateLimiter: LoginRateLimiter,
  ) {}

  async register(dto: RegisterDto, ctx: RequestContext): Promise<RegisterResponse> {
    await this.rateLimiter.assertRegistrationAllowed(dto.email, ctx.ip);
    const passwordHash = await this.hasher.hash(dto.password);
    const role: Role = dto.orgKind === 'lab' ? 'lab_admin' : 'vendor_admin';
    try {
      const { org, user, entityId } = await this.dataSource.transaction(async (manager) => {
        const created = await this.createOrg(manager, { name: dto.orgName, kind: dto.orgKind });
        const user = await this.insertUser(manager, {
          email: dto.email,
          passwordHash,
          displayName: dto.displayName,
          orgId: created.org.id,
          roles: [role],
        });
        const actor = { userId: user.id, orgId: created.org.id, roles: [role], requestId: ctx.requestId, ip: ctx.ip };
        await this.audit.append(manager, { actor, type: 'org.registered', subject: `org:${created.org.id}`, data: { name: created.org.name, kind: created.org.kind, entityId: created.entityId } });
        await this.audit.append(manager, { actor, type: 'user.created', subject: `user:${user.id}`, data: { orgId: created.org.id, roles: user.roles } });
        return { org: created.org, user, entityId: created.entityId };
      });
      return { user: toUserSummary(user), org: toOrgView(org, entityId), accessToken: (await this.issueToken(user, org.kind)).token };
    } catch (error) {
      throw this.translateUniqueViolation(error);
    }
  }

  /** Creates an organization and its registry entity in the caller's transaction. */
  async createOrg(manager: EntityManager, input: { name: string; kind: OrgKind }): Promise<{ org: OrgEntity; entityId: string }> {
    const org = manager.create(OrgEntity, { id: randomUUID(), name: input.name, kind: input.kind });
    await manager.insert(OrgEntity, org);
    const entity = await this.entities.createForOrg(manager, org);
    return { org: (await manager.findOneByOrFail(OrgEntity, { id: org.id })), entityId: entity.id };
  }

  async insertUser(manager: EntityManager, input: { email: string; passwordHash: string; displayName: string; orgId: string; roles: Role[] }): Promise<UserEntity> {
    const user = manager.create(UserEntity, { id: randomUUID(), ...input, email: input.email.toLowerCase() });
    await manager.insert(UserEntity, user);
    return manager.findOneByOrFail(UserEntity, { id: user.id });
  }

  async login(dto: LoginDto, ctx: RequestContext): Promise<LoginResponse> {
    await this.rateLimiter.assertAllowed(dto.email, ctx.ip);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: dto.email });
    const ok = await this.hasher.verify(user?.passwordHash ?? null, dto.password);
    if (!user || !ok) {
      await this.rateLimiter.recordFailure(dto.email, ctx.ip);
      await this.audit.appendStandalone({
        actor: { userId: null, orgId: null, roles: [], requestId: ctx.requestId, ip: ctx.ip },
        type: 'auth.login_failed',
        subject: user ? `user:${user.id}` : 'auth',
        // A hash, not the address itself: audit records keep PII to a minimum.
        data: { emailSha256: createHash('sha256').update(dto.email).digest('hex'), knownAccount: Boolean(user) },
      });
      throw new DomainError(ErrorCode.Unauthenticated, 'Wrong email or password');
    }
    await this.rateLimiter.reset(dto.email);
    await this.dataSource.getRepository(UserEntity).update({ id: user.id }, { lastLoginAt: new Date() });
    const org = await this.dataSource.getRepository(OrgEntity).findOneByOrFail({ id: user.orgId });
    const { token, expiresAt } = await this.issueToken(user, org.kind);
    return {
      accessToken: token,
      expiresAt,
      user: { id: user.id, email: user.email, roles: user.roles, orgId: user.orgId, displayName: user.displayName, orgKind: org.kind },
    };
  }

  /** On every page load of the web app: one indexed join, no entity hydration. */
  async me(principal: Principal): Promise<MeResponse> {
    const [row]: MeResponse[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", o.id AS "orgId", o.kind AS "orgKind", o.name AS "orgName", u.roles
         FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.id = $1`,
      [principal.userId],
    );
    if (!row) throw new DomainError(ErrorCode.Unauthenticated, 'The account behind this token no longer exists');
    return row;
  }

  /** Members and platform staff see an org; anyone else gets the same 404 as for a missing one. */
  async getOrg(principal: Principal, orgId: string): Promise<OrgView> {
    if (principal.orgId !== orgId && !isPlatformStaff(principal)) throw notFound('Organization');
    const org = await this.dataSource.getRepository(OrgEntity).findOneBy({ id: orgId });
    if (!org) throw notFound('Organization');
    const entity = await this.entities.findByOrg(org.id);
    return toOrgView(org, entity?.id ?? '');
  }

  async listMembers(principal: Principal, orgId: string, query: { cursor?: string; limit?: string }): Promise<Page<MemberView>> {
    await this.getOrg(principal, orgId);
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.org_id = :orgId', { orgId })
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    if (cursor) qb.andWhere('(u.created_at, u.id) > (:at, :id)', { at: cursor.at, id: cursor.id });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toMemberView),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  async addMember(principal: Principal, orgId: string, dto: CreateMemberDto, ctx: RequestContext): Promise<MemberView> {
    // Another tenant's org is indistinguishable from a missing one, even for its admin role. Platform
    // staff see every org (GET answers them), so for them it exists and the refusal is a 403.
    if (principal.orgId !== orgId && !isPlatformStaff(principal)) throw notFound('Organization');
    const org = await this.dataSource.getRepository(OrgEntity).findOneBy({ id: orgId });
    if (!org) throw notFound('Organization');
    if (principal.orgId !== orgId || !hasAnyRole(principal, ORG_ADMIN_ROLES)) throw forbidden("Only the organization's own admin can add members");
    const allowed = MEMBER_ROLES_BY_ORG_KIND[org.kind];
    if (!allowed.includes(dto.role)) {
      throw domainRule(`A ${org.kind} organization can only have the roles: ${allowed.join(', ')}`, [{ path: 'role', message: `role must be one of: ${allowed.join(', ')}` }]);
    }
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        const created = await this.insertUser(manager, { email: dto.email, passwordHash, displayName: dto.displayName, orgId, roles: [dto.role] });
        await this.audit.append(manager, {
          actor: { userId: principal.userId, orgId: principal.orgId, roles: principal.roles, requestId: ctx.requestId, ip: ctx.ip },
          type: 'member.added',
          subject: `user:${created.id}`,
          data: { orgId, roles: created.roles },
        });
        return created;
      });
      return toMemberView(user);
    } catch (error) {
      throw this.translateUniqueViolation(error);
    }
  }

  async issueToken(user: Pick<UserEntity, 'id' | 'orgId' | 'roles'>, orgKind: OrgKind): Promise<{ token: string; expiresAt: string }> {
    const claims: AccessTokenClaims = { sub: user.id, org: user.orgId, kind: orgKind, roles: user.roles };
    const token = await this.jwt.signAsync(claims);
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  private translateUniqueViolation(error: unknown): unknown {
    if (isUniqueViolation(error, 'ux_users_email')) return conflict('An account with this email already exists');
    if (isUniqueViolation(error, 'ux_organizations_name')) return conflict('An organization with this name already exists');
    return error;
  }
}

export function toUserSummary(u: UserEntity): UserSummary {
  return { id: u.id, email: u.email, displayName: u.displayName, orgId: u.orgId, roles: u.roles };
}

export function toMemberView(u: UserEntity): MemberView {
  return { ...toUserSummary(u), createdAt: u.createdAt.toISOString() };
}

export function toOrgView(o: OrgEntity, entityId: string): OrgView {
  return { id: o.id, name: o.name, kind: o.kind, entityId, createdAt: o.createdAt.toISOString() };
}
