import type { ProblemFieldError } from '@quorum/contracts';

/** Every failure the API reports on purpose has one of these codes; the filter maps each to HTTP. */
export enum ErrorCode {
  Validation = 'validation',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not-found',
  Conflict = 'conflict',
  DomainRule = 'domain-rule',
  PayloadTooLarge = 'payload-too-large',
  UnsupportedMediaType = 'unsupported-media-type',
  RateLimited = 'rate-limited',
  IdempotencyMismatch = 'idempotency-mismatch',
  DependencyDown = 'dependency-down',
}

export const ERROR_STATUS: Record<ErrorCode, { status: number; title: string }> = {
  [ErrorCode.Validation]: { status: 400, title: 'The request is not valid' },
  [ErrorCode.Unauthenticated]: { status: 401, title: 'Authentication required' },
  [ErrorCode.Forbidden]: { status: 403, title: 'Not allowed' },
  [ErrorCode.NotFound]: { status: 404, title: 'Not found' },
  [ErrorCode.Conflict]: { status: 409, title: 'Conflict with the current state' },
  [ErrorCode.DomainRule]: { status: 422, title: 'The request breaks a rule' },
  [ErrorCode.PayloadTooLarge]: { status: 413, title: 'Payload too large' },
  [ErrorCode.UnsupportedMediaType]: { status: 415, title: 'Unsupported media type' },
  [ErrorCode.RateLimited]: { status: 429, title: 'Too many requests' },
  [ErrorCode.IdempotencyMismatch]: { status: 422, title: 'Idempotency key reused with another request' },
  [ErrorCode.DependencyDown]: { status: 503, title: 'A dependency is unavailable' },
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: ProblemFieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError(ErrorCode.NotFound, `${what} was not found`);
export const forbidden = (detail: string): DomainError => new DomainError(ErrorCode.Forbidden, detail);
export const validationFailed = (errors: ProblemFieldError[], detail?: string): DomainError =>
  new DomainError(
    ErrorCode.Validation,
    detail ?? `${errors.length} field${errors.length === 1 ? '' : 's'} failed validation`,
    errors,
  );
export const domainRule = (detail: string, errors?: ProblemFieldError[]): DomainError =>
  new DomainError(ErrorCode.DomainRule, detail, errors);
export const conflict = (detail: string): DomainError => new DomainError(ErrorCode.Conflict, detail);

/**
 * Failures of Postgres or Redis themselves (down, restarting, unreachable), as opposed to a bad
 * query: these answer 503 so clients retry, and /health tells the same story.
 */
export function isDependencyDown(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown; name?: unknown };
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && /^(08|57P)/.test(code)) return true;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
  if (e?.name === 'MaxRetriesPerRequestError') return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /(ECONNREFUSED|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection due to administrator command|Connection is closed|Stream isn't writeable)/i.test(message);
}
