import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@quorum/contracts';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

export const IS_PUBLIC = 'quorum:isPublic';
export const REQUIRED_ROLES = 'quorum:requiredRoles';

/** Opts a route out of authentication. Everything else needs a valid bearer token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles; otherwise 403. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a public route');
  return request.principal;
});

export interface RequestMeta {
  ip: string;
  requestId: string;
}

/** Address and correlation id of the request, for audit records and rate limits. */
export const CurrentRequest = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { ip: request.ip, requestId: String(request.id) };
});
