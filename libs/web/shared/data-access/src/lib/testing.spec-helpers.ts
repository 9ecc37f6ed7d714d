import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  ConflictEvidence,
  ConflictView,
  EffectiveOwnerView,
  EntityView,
} from '@quorum/contracts';
import { TOKEN_STORAGE, memoryStorage } from './api-config';
import { apiInterceptor } from './api.interceptor';

/** TestBed with the real interceptor and a testing backend; returns the controller. */
export function setupHttp(providers: Provider[] = []): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      ...providers,
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: TOKEN_STORAGE, useValue: memoryStorage() },
    ],
  });
  return TestBed.inject(HttpTestingController);
}

export const problemHeaders = {
  headers: { 'Content-Type': 'application/problem+json' },
};

export function evidenceOf(
  overrides: Partial<ConflictEvidence> = {},
): ConflictEvidence {
  return {
    competitorEntityId: 'e-helios',
    competitorName: 'Helios Labs',
    certainty: 'confirmed',
    threshold: 10,
    economic: { min: 49, max: 49 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 0,
    seats: [],
    agreements: [],
    paths: [],
    cyclic: false,
    interestIds: [],
    policyVersion: 0,
    asOf: '2026-05-01',
    ...overrides,
  };
}

export function conflictOf(
  overrides: Partial<ConflictView> = {},
): ConflictView {
  return {
    id: 'c-1',
    labOrgId: 'lab-1',
    vendorOrgId: 'v-1',
    labName: 'Northwind AI',
    vendorName: 'Lattice Data',
    rule: 'economic',
    severity: 'block',
    status: 'open',
    evidence: evidenceOf(),
    detectedAt: '2026-05-01T10:00:00Z',
    updatedAt: '2026-05-01T10:00:00Z',
    resolvedAt: null,
    waiver: null,
    ...overrides,
  };
}

export function entityOf(overrides: Partial<EntityView> = {}): EntityView {
  return {
    id: 'e-1',
    name: 'Kestrel Labeling',
    kind: 'company',
    identifiers: [],
    orgId: null,
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function ownerOf(
  overrides: Partial<EffectiveOwnerView> = {},
): EffectiveOwnerView {
  return {
    entityId: 'e-owner',
    name: 'Owner',
    kind: 'company',
    economic: { min: 0, max: 0 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 0,
    seats: [],
    agreements: [],
    paths: [],
    cyclic: false,
    ...overrides,
  };
}
