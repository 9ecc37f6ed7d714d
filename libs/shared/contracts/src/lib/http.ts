/** RFC 9457 problem details, as every error of the API is written. */
export interface ProblemFieldError {
  path: string;
  message: string;
  line?: number;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
  /** Correlation id of the request; present on every problem so support can find the log line. */
  requestId?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const API_PREFIX = '/api/v1';
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 500;

export interface HealthResponse {
  status: 'ok' | 'error';
  info: Record<string, { status: 'up' | 'down'; message?: string }>;
}
