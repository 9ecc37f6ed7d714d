import { TestBed } from '@angular/core/testing';
import type { ReviewView } from '@quorum/contracts';
import { AnnotateReviewPage } from './review.page';
import { NO_CONTENT, setupPage } from './testing.spec-helpers';

const review: ReviewView = {
  reviewId: 'r-1',
  jobId: 'job-1',
  jobTitle: 'Support intents',
  taskType: 'classification',
  schema: { labels: ['refund', 'card_lost', 'other'] },
  instructions: 'Pick the intent.',
  item: { id: 'item-1', data: { text: 'I lost my card' } },
  answers: [
    { annotator: 'annotator 1', answer: { label: 'refund' } },
    { annotator: 'annotator 2', answer: { label: 'card_lost' } },
  ],
  aggregate: { label: 'refund' },
  agreement: 0.5,
  leaseExpiresAt: '2026-05-01T10:10:00Z',
};

describe('AnnotateReviewPage', () => {
  it('shows the answers and aggregate, edits the result with the task renderer and decides', async () => {
    const http = setupPage();
    const fixture = TestBed.createComponent(AnnotateReviewPage);
    await fixture.whenStable();
    http.expectOne('/api/v1/reviews/next').flush(review);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('Review');
    expect(el.querySelector('.meta')?.textContent).toContain('agreement 50%');
    const rows = Array.from(el.querySelectorAll('.answers li')).map((li) => li.querySelector('.what')?.textContent);
    expect(rows).toEqual(['refund', 'card_lost', 'refund']);
    // The aggregate is the starting point, shown chosen in the same renderer annotators use.
    expect(el.querySelector('q-classification-renderer .q-choice.on')?.textContent).toContain('refund');

    el.querySelectorAll<HTMLButtonElement>('.answers li button')[1].click();
    await fixture.whenStable();
    expect(el.querySelector('q-classification-renderer .q-choice.on')?.textContent).toContain('card_lost');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    const decision = http.expectOne('/api/v1/reviews/r-1/decision');
    expect(decision.request.body).toEqual({ aggregate: { label: 'other' } });
    decision.flush({ status: 'reviewed' });
    http.expectOne('/api/v1/reviews/next').flush(null, NO_CONTENT);
    await fixture.whenStable();
    expect(el.querySelector('q-empty-state h2')?.textContent).toBe('Nothing to review right now');
    http.verify();
  });
});
