import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  DEFAULT_CONFLICT_POLICY,
  type ConflictPolicyView,
  type VendorListItem,
} from '@quorum/contracts';
import { firstValueFrom } from 'rxjs';
import { ConflictPolicyStore } from './conflict-policy.store';
import { NeutralityMatrixStore } from './neutrality-matrix.store';
import { problemHeaders, setupHttp } from './testing.spec-helpers';
import { VendorsStore } from './vendors.store';

const policy: ConflictPolicyView = {
  ...DEFAULT_CONFLICT_POLICY,
  labOrgId: 'lab-1',
  version: 0,
  updatedAt: null,
  updatedBy: null,
};

describe('VendorsStore', () => {
  let http: HttpTestingController;
  beforeEach(() => (http = setupHttp([VendorsStore])));
  afterEach(() => http.verify());

  it('loads the vendors with their neutrality', () => {
    const store = TestBed.inject(VendorsStore);
    store.load();
    expect(store.loading()).toBe(true);
    const vendor: VendorListItem = {
      orgId: 'v',
      name: 'Lattice Data',
      entityId: 'e',
      skills: [],
      languages: [],
      capacityPerHour: null,
      prices: {},
      quality: null,
      neutrality: { status: 'blocked', conflicts: [] },
    };
    http
      .expectOne('/api/v1/vendors')
      .flush({ items: [vendor], nextCursor: null });
    expect(store.vendors()).toEqual([vendor]);
    expect(store.loaded()).toBe(true);
    expect(store.loading()).toBe(false);
  });

  it('keeps the problem when the list fails', () => {
    const store = TestBed.inject(VendorsStore);
    store.load();
    http
      .expectOne('/api/v1/vendors')
      .flush(
        { title: 'The vendor marketplace is for labs', status: 403 },
        { status: 403, statusText: 'Forbidden', ...problemHeaders },
      );
    expect(store.problem()?.title).toBe('The vendor marketplace is for labs');
    expect(store.loaded()).toBe(false);
  });
});

describe('ConflictPolicyStore', () => {
  let http: HttpTestingController;
  beforeEach(() => (http = setupHttp([ConflictPolicyStore])));
  afterEach(() => http.verify());

  it('loads the lab’s policy and saves a new version with PUT', async () => {
    const store = TestBed.inject(ConflictPolicyStore);
    store.load('lab-1');
    http.expectOne('/api/v1/labs/lab-1/conflict-policy').flush(policy);
    expect(store.policy()?.version).toBe(0);

    const body = {
      ...DEFAULT_CONFLICT_POLICY,
      competitors: ['e-1'],
      economicThreshold: 5,
    };
    const saved = firstValueFrom(store.save(body));
    const put = http.expectOne('/api/v1/labs/lab-1/conflict-policy');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual(body);
    put.flush({
      ...policy,
      ...body,
      version: 1,
      updatedAt: '2026-05-01T00:00:00Z',
    });
    await saved;
    expect(store.policy()).toMatchObject({ version: 1, economicThreshold: 5 });
  });

  it('leaves the shown policy alone when the save is refused', async () => {
    const store = TestBed.inject(ConflictPolicyStore);
    store.load('lab-1');
    http.expectOne('/api/v1/labs/lab-1/conflict-policy').flush(policy);
    const saved = firstValueFrom(
      store.save({ ...policy, economicThreshold: 500 }),
    );
    http.expectOne('/api/v1/labs/lab-1/conflict-policy').flush(
      {
        title: 'Validation failed',
        status: 400,
        errors: [
          {
            path: 'economicThreshold',
            message: 'economicThreshold must not be greater than 100',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request', ...problemHeaders },
    );
    await expect(saved).rejects.toMatchObject({ status: 400 });
    expect(store.policy()?.economicThreshold).toBe(10);
  });
});

describe('NeutralityMatrixStore', () => {
  let http: HttpTestingController;
  beforeEach(() => (http = setupHttp([NeutralityMatrixStore])));
  afterEach(() => http.verify());

  it('loads the matrix', () => {
    const store = TestBed.inject(NeutralityMatrixStore);
    store.load();
    const matrix = { labs: [], vendors: [], cells: [], evaluatedAt: null };
    http.expectOne('/api/v1/neutrality/matrix').flush(matrix);
    expect(store.matrix()).toEqual(matrix);
  });
});
