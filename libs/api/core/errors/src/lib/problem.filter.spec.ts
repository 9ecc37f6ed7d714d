import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, ErrorCode, validationFailed } from './domain-error';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps a domain error to its status and keeps every field error', () => {
    const { problem, unexpected } = toProblem(
      validationFailed([
        { path: 'email', message: 'email must be an email' },
        { path: 'password', message: 'password is too short' },
      ]),
      'req-1',
    );
    expect(unexpected).toBe(false);
    expect(problem.status).toBe(400);
    expect(problem.errors).toHaveLength(2);
    expect(problem.type).toMatch(/validation$/);
    expect(problem.requestId).toBe('req-1');
  });

  it('hides internals of unexpected errors', () => {
    const { problem, unexpected } = toProblem(new TypeError('cannot read x of undefined at Foo.bar (/src/secret.ts:1:1)'), 'req-2');
    expect(unexpected).toBe(true);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toMatch(/secret\.ts|TypeError|undefined/);
    expect(problem.detail).toContain('req-2');
  });

  it('maps Nest and Fastify errors to problems', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'), 'r').problem).toMatchObject({ status: 404, detail: 'No such route' });
    expect(toProblem(new BadRequestException('bad'), 'r').problem.status).toBe(400);
    expect(toProblem({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'Unexpected token' }, 'r').problem.detail).toMatch(/Malformed JSON/);
    expect(toProblem({ statusCode: 413, message: 'Request body is too large' }, 'r').problem.status).toBe(413);
  });

  it('maps each domain code to its own status', () => {
    expect(toProblem(new DomainError(ErrorCode.DomainRule, 'over budget'), 'r').problem.status).toBe(422);
    expect(toProblem(new DomainError(ErrorCode.RateLimited, 'slow down'), 'r').problem.status).toBe(429);
  });
});

describe('toProblem for a lost dependency', () => {
  it('answers 503 with Retry-After when Postgres refuses connections', () => {
    const { problem, headers, unexpected } = toProblem(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'r');
    expect(problem.status).toBe(503);
    expect(headers).toEqual({ 'retry-after': '5' });
    expect(unexpected).toBe(false);
  });
});
