import { TestBed } from '@angular/core/testing';
import { ApiProblem } from '@quorum/web/shared/util';
import { firstValueFrom } from 'rxjs';
import { problemHeaders, setupHttp, workOf } from './testing.spec-helpers';
import { VendorWorkApi } from './vendor-work.api';
import { VendorWorkStore } from './vendor-work.store';

describe('VendorWorkApi', () => {
  it('lists routed work and accepts or declines an offer', async () => {
    const http = setupHttp();
    const api = TestBed.inject(VendorWorkApi);
    const work = firstValueFrom(api.work());
    http.expectOne({ method: 'GET', url: '/api/v1/vendor/work' }).flush({
      items: [workOf()],
      nextCursor: null,
    });
    expect((await work).items).toHaveLength(1);

    const accepted = firstValueFrom(api.accept('j-1'));
    http
      .expectOne({ method: 'POST', url: '/api/v1/vendor/work/j-1/accept' })
      .flush(workOf({ status: 'accepted' }));
    expect((await accepted).status).toBe('accepted');

    const declined = firstValueFrom(api.decline('j-1'));
    http
      .expectOne({ method: 'POST', url: '/api/v1/vendor/work/j-1/decline' })
      .flush(workOf({ status: 'declined', openSlots: 0 }));
    expect((await declined).status).toBe('declined');
    http.verify();
  });

  it('reads and writes the vendor profile', async () => {
    const http = setupHttp();
    const api = TestBed.inject(VendorWorkApi);
    const got = firstValueFrom(api.getProfile());
    http.expectOne({ method: 'GET', url: '/api/v1/vendor/profile' }).flush({
      skills: ['ranking'],
      languages: ['en'],
      capacityPerHour: 100,
      prices: { ranking: 0.2 },
      vendorOrgId: 'v-1',
      updatedAt: null,
    });
    expect((await got).skills).toEqual(['ranking']);

    const body = {
      skills: ['rating' as const],
      languages: ['de'],
      capacityPerHour: 50,
      prices: { rating: 0.3 },
    };
    const put = firstValueFrom(api.putProfile(body));
    const req = http.expectOne({
      method: 'PUT',
      url: '/api/v1/vendor/profile',
    });
    expect(req.request.body).toEqual(body);
    req.flush({
      ...body,
      vendorOrgId: 'v-1',
      updatedAt: '2026-05-01T00:00:00Z',
    });
    await put;
    http.verify();
  });
});

describe('VendorWorkStore', () => {
  it('replaces the answered offer and reports a refused one', async () => {
    const http = setupHttp([VendorWorkStore]);
    const store = TestBed.inject(VendorWorkStore);
    store.load();
    http.expectOne('/api/v1/vendor/work').flush({
      items: [workOf(), workOf({ jobId: 'j-2', title: 'Other' })],
      nextCursor: null,
    });
    expect(store.loaded()).toBe(true);

    const done = firstValueFrom(store.accept('j-1'));
    expect(store.pending()).toBe('j-1');
    http
      .expectOne('/api/v1/vendor/work/j-1/accept')
      .flush(workOf({ status: 'accepted' }));
    await done;
    expect(store.pending()).toBeNull();
    expect(store.items().map((i) => i.status)).toEqual(['accepted', 'offered']);

    const refused = firstValueFrom(store.decline('j-2')).catch(
      (e: unknown) => e,
    );
    http
      .expectOne('/api/v1/vendor/work/j-2/decline')
      .flush(
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'This work is already declined',
        },
        { status: 409, statusText: 'Conflict', ...problemHeaders },
      );
    expect(await refused).toBeInstanceOf(ApiProblem);
    expect(store.pending()).toBeNull();
  });
});
