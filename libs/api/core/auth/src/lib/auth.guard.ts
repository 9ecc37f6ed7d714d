import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims, ORG_KINDS, ROLES, Role } from '@quorum/contracts';
import { DomainError, ErrorCode } from '@quorum/api/errors';
import { AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './decorators';

const unauthenticated = (detail: string) =>
  new DomainError(ErrorCode.Unauthenticated, detail, undefined, { 'www-authenticate': 'Bearer' });

/**
 * Global guard: verifies the bearer token (signature, expiry, claim shape), then the route's roles.
 * Headers that claim a tenant (X-Tenant-Id and friends) are never read.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header) throw unauthenticated('Send an access token as "Authorization: Bearer <token>"');
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('The Authorization header must be "Bearer <token>"');

    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated('The access token is invalid or expired');
    }
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.org !== 'string' ||
      !ORG_KINDS.includes(claims.kind) ||
      !Array.isArray(claims.roles) ||
      !claims.roles.every((r) => ROLES.includes(r))
    ) {
      throw unauthenticated('The access token is malformed');
    }
    request.principal = { userId: claims.sub, orgId: claims.org, orgKind: claims.kind, roles: claims.roles };

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((r) => claims.roles.includes(r))) {
      throw new DomainError(ErrorCode.Forbidden, `This action needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
