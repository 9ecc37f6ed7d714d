import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { LabJobsPage } from './jobs.page';

describe('LabJobsPage', () => {
  it('is headed Jobs and says honestly that there are no jobs yet', async () => {
    TestBed.configureTestingModule({
      imports: [LabJobsPage],
      providers: [provideHttpClient(), provideRouter([]), provideQuorumIcons()],
    });
    const fixture = TestBed.createComponent(LabJobsPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('Jobs');
    expect(el.querySelector('q-empty-state h2')?.textContent).toBe(
      'No jobs yet',
    );
    expect(el.querySelector('table, tr')).toBeNull();
  });
});
