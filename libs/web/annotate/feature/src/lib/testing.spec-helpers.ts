import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { TaskView } from '@quorum/contracts';
import {
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { of } from 'rxjs';

export function setupPage(query: Record<string, string> = {}): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([]),
      provideQuorumIcons(),
      { provide: TOKEN_STORAGE, useValue: memoryStorage() },
      {
        provide: ActivatedRoute,
        useValue: {
          snapshot: { queryParamMap: convertToParamMap(query) },
          queryParamMap: of(convertToParamMap(query)),
        },
      },
    ],
  });
  return TestBed.inject(HttpTestingController);
}

export function taskOf(overrides: Partial<TaskView> = {}): TaskView {
  return {
    assignmentId: 'a-1',
    jobId: 'job-1',
    jobTitle: 'Support intents',
    taskType: 'classification',
    schema: { labels: ['refund', 'card_lost'] },
    instructions: 'Pick the intent.\nIf unsure, skip.',
    item: { id: 'item-1', data: { text: 'I lost my card' } },
    leaseExpiresAt: new Date(Date.now() + 600_000).toISOString(),
    ...overrides,
  };
}

export const NO_CONTENT = { status: 204, statusText: 'No Content' };
