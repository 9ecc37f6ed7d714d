import { APIRequestContext, expect, Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Shared by the journeys: sign-in, API setup as a given user, screenshots. */

export const DEMO_PASSWORD = 'quorum-demo-2026';
/** Mirrors E2E_ADMIN_PASSWORD in playwright.config.ts (importing the config would re-run it). */
export const ADMIN_PASSWORD = 'e2e-admin-password';

export const USERS = {
  lab: 'lab@northwind.example',
  annotator: 'annotator1@fernway.example',
  vendorAdmin: 'admin@fernway.example',
  auditor: 'auditor@quorum.local',
  admin: 'admin@quorum.local',
} as const;

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** A short random suffix, so data a test creates never collides with another test's or run's. */
export function uniqueId(): string {
  return randomBytes(4).toString('hex');
}

/** Signs in through the login form (any session in this page is dropped first). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Saves a PNG of the viewport (1366×860 from the config) into docs/screenshots, overwriting it. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled', caret: 'hide' });
}

export interface RoutingShare {
  vendorName: string;
  slots: number;
  openSlots: number;
  status: string;
}

export interface JobSummary {
  id: string;
  title: string;
  taskType: string;
  status: string;
  routing: RoutingShare[];
}

/** The REST API as one user (setup only: what a journey asserts is done in the browser). */
export class Api {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async as(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<Api> {
    const res = await request.post('/api/v1/auth/login', { data: { email, password } });
    expect(res.status(), `login of ${email}`).toBe(200);
    const { accessToken } = (await res.json()) as { accessToken: string };
    return new Api(request, accessToken);
  }

  private get headers() {
    return { authorization: `Bearer ${this.token}` };
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.request.get(`/api/v1${path}`, { headers: this.headers });
    expect(res.ok(), `GET ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  }

  async post<T>(path: string, data: unknown, contentType?: string): Promise<T> {
    const res = await this.request.post(`/api/v1${path}`, {
      headers: contentType ? { ...this.headers, 'content-type': contentType } : this.headers,
      data: data as never,
    });
    expect(res.ok(), `POST ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  }

  /** The lab's job with this exact title (the seeded ones are on the first page, newest first). */
  async jobByTitle(title: string): Promise<JobSummary> {
    let cursor: string | null = null;
    do {
      const page: { items: JobSummary[]; nextCursor: string | null } = await this.get(
        `/jobs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const job = page.items.find((j) => j.title === title);
      if (job) return job;
      cursor = page.nextCursor;
    } while (cursor);
    throw new Error(`no job titled "${title}"`);
  }

  /**
   * A fresh published English classification job (cheap enough for every classification vendor),
   * so a test that answers, declines or inspects it touches nobody else's data.
   */
  async publishClassificationJob(title: string, texts: string[], labels = ['positive', 'negative']): Promise<JobSummary> {
    const job = await this.post<JobSummary>('/jobs', {
      title,
      instructions: 'Choose the label that fits the message.',
      taskType: 'classification',
      schema: { labels },
      overlap: 3,
      minDistinctVendors: 3,
      pricePerAnswer: 0.05,
      budget: 100,
      languages: ['en'],
    });
    const lines = texts.map((text, i) => JSON.stringify({ externalId: `e2e-${i + 1}`, data: { text } })).join('\n');
    const report = await this.post<{ accepted: number; rejected: number }>(`/jobs/${job.id}/items`, lines, 'application/x-ndjson');
    expect(report).toMatchObject({ accepted: texts.length, rejected: 0 });
    await this.post(`/jobs/${job.id}/publish`, {});
    return job;
  }

  /** Waits for the worker to route some of the job's open slots to the vendor. */
  async waitForRouting(jobId: string, vendorName: string, timeout = 20_000): Promise<void> {
    await expect
      .poll(
        async () => {
          const job = await this.get<JobSummary>(`/jobs/${jobId}`);
          return job.routing.find((s) => s.vendorName === vendorName && s.status !== 'declined' && s.status !== 'withdrawn')?.openSlots ?? 0;
        },
        { message: `open slots of ${vendorName} on job ${jobId}`, timeout, intervals: [250, 500, 1000] },
      )
      .toBeGreaterThan(0);
  }
}
