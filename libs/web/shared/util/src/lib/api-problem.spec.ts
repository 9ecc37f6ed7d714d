import { ApiProblem } from './api-problem';

describe('ApiProblem.fromResponse', () => {
  it('keeps every field of a problem document', () => {
    const problem = ApiProblem.fromResponse(400, {
      type: 'https://quorum.dev/problems/validation',
      title: 'Validation failed',
      status: 400,
      detail: '2 fields are invalid',
      requestId: 'req-1',
      errors: [
        { path: 'email', message: 'email must be an email' },
        {
          path: 'password',
          message: 'password must be at least 12 characters',
        },
      ],
    });
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.title).toBe('Validation failed');
    expect(problem.detail).toBe('2 fields are invalid');
    expect(problem.status).toBe(400);
    expect(problem.requestId).toBe('req-1');
    expect(problem.errors).toHaveLength(2);
    expect(problem.messagesFor('password')).toEqual([
      'password must be at least 12 characters',
    ]);
  });

  it('parses a problem that arrived as text', () => {
    const problem = ApiProblem.fromResponse(
      409,
      JSON.stringify({ title: 'Conflict', status: 409 }),
    );
    expect(problem.title).toBe('Conflict');
    expect(problem.errors).toEqual([]);
  });

  it('matches field paths written as JSON pointers or body-prefixed', () => {
    const problem = ApiProblem.fromResponse(400, {
      title: 'Bad',
      status: 400,
      errors: [
        { path: '/orgName', message: 'required' },
        { path: 'body.share.exact', message: 'must be ≤ 100' },
      ],
    });
    expect(problem.messagesFor('orgName')).toEqual(['required']);
    expect(problem.messagesFor('share.exact')).toEqual(['must be ≤ 100']);
  });

  it('drops malformed field errors instead of crashing on them', () => {
    const problem = ApiProblem.fromResponse(400, {
      title: 'Bad',
      errors: [{ path: 'a' }, 'x', { path: 'b', message: 'm' }],
    });
    expect(problem.errors).toEqual([{ path: 'b', message: 'm' }]);
  });

  it('explains a network failure', () => {
    const problem = ApiProblem.fromResponse(0, null);
    expect(problem.title).toBe('Cannot reach Quorum');
  });

  it('gives a readable title to a server error without a problem body', () => {
    const problem = ApiProblem.fromResponse(
      502,
      '<html>Bad gateway</html>',
      'Bad Gateway',
    );
    expect(problem.title).toBe('Bad Gateway');
    expect(problem.status).toBe(502);
    expect(problem.detail).toContain('server');
  });
});
