import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';

export interface TestResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Requests through Fastify's in-process injection: the whole HTTP stack, no port. */
export class TestHttpClient {
  constructor(private readonly app: NestFastifyApplication) {}

  async request<T = unknown>(
    method: Method,
    url: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response: LightMyRequestResponse = await this.app.inject({ method, url, headers, payload });
    const text = response.body;
    let body: unknown = text;
    if (/^application\/(problem\+)?json/.test(String(response.headers['content-type'] ?? '')) && text) body = JSON.parse(text);
    return { status: response.statusCode, headers: response.headers, body: body as T, text };
  }

  get<T = unknown>(url: string, token?: string) {
    return this.request<T>('GET', url, { token });
  }

  post<T = unknown>(url: string, body?: unknown, token?: string, headers?: Record<string, string>) {
    return this.request<T>('POST', url, { token, body, headers });
  }

  put<T = unknown>(url: string, body?: unknown, token?: string) {
    return this.request<T>('PUT', url, { token, body });
  }
}
