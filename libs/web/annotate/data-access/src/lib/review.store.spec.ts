import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ReviewView } from '@quorum/contracts';
import {
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { ReviewStore } from './review.store';

function reviewOf(id: string): ReviewView {
  return {
    reviewId: id,
    jobId: 'job-1',
    jobTitle: 'Support intents',
    taskType: 'classification',
    schema: { labels: ['refund', 'card_lost'] },
    instructions: '',
    item: { id: 'item-1', data: { text: 'hello' } },
    answers: [
      { annotator: 'annotator 1', answer: { label: 'refund' } },
      { annotator: 'annotator 2', answer: { label: 'card_lost' } },
    ],
    aggregate: { label: 'refund' },
    agreement: 0.5,
    leaseExpiresAt: '2026-05-01T10:10:00Z',
  };
}

describe('ReviewStore', () => {
  it('takes an item, sends the decision and takes the next; 204 is an empty queue', () => {
    TestBed.configureTestingModule({
      providers: [
        ReviewStore,
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: TOKEN_STORAGE, useValue: memoryStorage() },
      ],
    });
    const store = TestBed.inject(ReviewStore);
    const http = TestBed.inject(HttpTestingController);
    store.next();
    http.expectOne({ method: 'POST', url: '/api/v1/reviews/next' }).flush(reviewOf('r-1'));
    expect(store.current()?.reviewId).toBe('r-1');

    store.decide({ label: 'card_lost' });
    const decision = http.expectOne({ method: 'POST', url: '/api/v1/reviews/r-1/decision' });
    expect(decision.request.body).toEqual({ aggregate: { label: 'card_lost' } });
    decision.flush({ status: 'reviewed' });
    expect(store.decidedCount()).toBe(1);
    http.expectOne('/api/v1/reviews/next').flush(null, { status: 204, statusText: 'No Content' });
    expect(store.phase()).toBe('empty');
    http.verify();
  });
});
