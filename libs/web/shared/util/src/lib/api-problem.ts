import type { ProblemDetails, ProblemFieldError } from '@quorum/contracts';

/**
 * An API failure as the web client sees it: the RFC 9457 problem the server wrote, or one made up
 * here when the server could not be reached or answered something that is not a problem document.
 * Components show it with `q-problem-alert` and map `errors` onto their form fields.
 */
export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string | null;
  readonly errors: readonly ProblemFieldError[];
  readonly requestId: string | null;

  constructor(problem: ProblemDetails) {
    super(
      problem.detail ? `${problem.title}: ${problem.detail}` : problem.title,
    );
    this.name = 'ApiProblem';
    this.type = problem.type || 'about:blank';
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail ?? null;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId ?? null;
    // Keeps `instanceof` working when the spec compiler targets ES5-style classes.
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /**
   * Builds a problem from an HTTP error answer. `body` is whatever the server sent (already parsed
   * when it was JSON); a body that is not a problem document still gives a readable title.
   */
  static fromResponse(
    status: number,
    body: unknown,
    statusText = '',
  ): ApiProblem {
    if (status === 0) {
      return new ApiProblem({
        type: 'about:blank',
        title: 'Cannot reach Quorum',
        status: 0,
        detail:
          'The server did not answer. Check your connection and try again.',
      });
    }
    const parsed = typeof body === 'string' ? tryParseJson(body) : body;
    if (isProblemLike(parsed)) {
      return new ApiProblem({
        type: typeof parsed.type === 'string' ? parsed.type : 'about:blank',
        title: parsed.title,
        status: typeof parsed.status === 'number' ? parsed.status : status,
        detail: typeof parsed.detail === 'string' ? parsed.detail : undefined,
        errors: Array.isArray(parsed.errors)
          ? parsed.errors.filter(isFieldError)
          : [],
        requestId:
          typeof parsed.requestId === 'string' ? parsed.requestId : undefined,
      });
    }
    return new ApiProblem({
      type: 'about:blank',
      title:
        statusText && statusText !== 'OK'
          ? statusText
          : `Request failed (HTTP ${status})`,
      status,
      detail:
        status >= 500
          ? 'Something went wrong on the server. Try again in a moment.'
          : undefined,
    });
  }

  /** Any caught error as a problem: API errors pass through, anything else gets a generic title. */
  static from(err: unknown): ApiProblem {
    if (err instanceof ApiProblem) return err;
    return new ApiProblem({
      type: 'about:blank',
      title: 'Something went wrong',
      status: 0,
      detail: err instanceof Error ? err.message : undefined,
    });
  }

  /** Messages the server gave for one field, by its path (`email`, `share.exact`, …). */
  messagesFor(path: string): string[] {
    const wanted = normalizePath(path);
    return this.errors
      .filter((e) => normalizePath(e.path) === wanted)
      .map((e) => e.message);
  }
}

/** Accepts dotted paths, JSON pointers (`/email`) and `body.`-prefixed paths alike. */
function normalizePath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

interface ProblemLike {
  title: string;
  type?: unknown;
  status?: unknown;
  detail?: unknown;
  errors?: unknown;
  requestId?: unknown;
}

function isProblemLike(value: unknown): value is ProblemLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { title?: unknown }).title === 'string'
  );
}

function isFieldError(value: unknown): value is ProblemFieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
