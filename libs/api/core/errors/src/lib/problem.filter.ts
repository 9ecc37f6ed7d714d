import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ProblemDetails } from '@quorum/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_STATUS, ErrorCode, isDependencyDown } from './domain-error';

const PROBLEM_TYPE_BASE = 'https://quorum.dev/problems/';

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.Validation,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  422: ErrorCode.DomainRule,
  429: ErrorCode.RateLimited,
  503: ErrorCode.DependencyDown,
};

/** Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode and a code. */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

export function toProblem(exception: unknown, requestId: string): { problem: ProblemDetails; headers?: Record<string, string>; unexpected: boolean } {
  if (exception instanceof DomainError) {
    const { status, title } = ERROR_STATUS[exception.code];
    return {
      problem: {
        type: PROBLEM_TYPE_BASE + exception.code,
        title,
        status,
        detail: exception.detail,
        ...(exception.errors?.length ? { errors: exception.errors } : {}),
        requestId,
      },
      headers: exception.headers,
      unexpected: false,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = STATUS_TO_CODE[status];
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
    if (status >= 500) return { problem: internal(requestId), unexpected: true };
    return {
      problem: {
        type: code ? PROBLEM_TYPE_BASE + code : 'about:blank',
        title: code ? ERROR_STATUS[code].title : exception.name,
        status,
        detail: status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(detail) ? 'No such route' : detail,
        requestId,
      },
      unexpected: false,
    };
  }
  if (isDependencyDown(exception)) {
    return {
      problem: { type: PROBLEM_TYPE_BASE + ErrorCode.DependencyDown, title: ERROR_STATUS[ErrorCode.DependencyDown].title, status: 503, detail: 'A storage service is unavailable; retry shortly.', requestId },
      headers: { 'retry-after': '5' },
      unexpected: false,
    };
  }
  const framework = exception as FrameworkError;
  if (framework && typeof framework.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    const code = STATUS_TO_CODE[framework.statusCode] ?? ErrorCode.Validation;
    const detail = framework.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(framework.message ?? '')
      ? `Malformed JSON body: ${framework.message ?? ''}`.trim()
      : (framework.message ?? ERROR_STATUS[code].title);
    return {
      problem: { type: PROBLEM_TYPE_BASE + code, title: ERROR_STATUS[code].title, status: framework.statusCode, detail, requestId },
      unexpected: false,
    };
  }
  return { problem: internal(requestId), unexpected: true };
}

function internal(requestId: string): ProblemDetails {
  return {
    type: PROBLEM_TYPE_BASE + 'internal',
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong on our side. Quote request id ${requestId} to support.`,
    requestId,
  };
}

/** One filter for every error: RFC 9457 problem+json, and never a stack trace on a 5xx. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const requestId = String(request?.id ?? 'unknown');
    const { problem, headers, unexpected } = toProblem(exception, requestId);
    if (unexpected) {
      this.logger.error({ err: exception, requestId, url: request?.url }, 'unhandled error');
    }
    if (headers) void reply.headers(headers);
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }
}
