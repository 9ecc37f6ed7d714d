import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { JobView, VendorWorkItem } from '@quorum/contracts';
import {
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';

export function setupHttp(providers: Provider[] = []): HttpTestingController {
  const storage = memoryStorage();
  storage.setItem('quorum.accessToken', 'tok');
  TestBed.configureTestingModule({
    providers: [
      ...providers,
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: TOKEN_STORAGE, useValue: storage },
    ],
  });
  return TestBed.inject(HttpTestingController);
}

export const problemHeaders = {
  headers: { 'Content-Type': 'application/problem+json' },
};

export function jobOf(overrides: Partial<JobView> = {}): JobView {
  return {
    id: 'j-1',
    labOrgId: 'lab-1',
    title: 'Banking intents',
    instructions: 'Pick the intent.',
    taskType: 'classification',
    schema: { labels: ['card', 'loan'] },
    overlap: 3,
    minDistinctVendors: 1,
    goldRatio: 0,
    pricePerAnswer: 0.08,
    budget: 100,
    deadline: null,
    priority: 0,
    requiredSkills: [],
    languages: [],
    conflictPolicy: null,
    leaseSeconds: 600,
    agreementThreshold: 0.5,
    status: 'draft',
    createdAt: '2026-05-01T10:00:00Z',
    publishedAt: null,
    progress: {
      items: 0,
      goldItems: 0,
      answers: 0,
      completedItems: 0,
      percent: 0,
    },
    spend: 0,
    routing: [],
    routingNote: null,
    conflicts: [],
    ...overrides,
  };
}

export function workOf(
  overrides: Partial<VendorWorkItem> = {},
): VendorWorkItem {
  return {
    jobId: 'j-1',
    title: 'Banking intents',
    labOrgId: 'lab-1',
    labName: 'Northwind AI',
    taskType: 'classification',
    pricePerAnswer: 0.08,
    deadline: null,
    status: 'offered',
    slots: 120,
    openSlots: 120,
    jobStatus: 'published',
    ...overrides,
  };
}
