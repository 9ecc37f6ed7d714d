import { TestBed } from '@angular/core/testing';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { AnnotateTasksPage } from './tasks.page';

describe('AnnotateTasksPage', () => {
  it('is headed Annotate and says no task is waiting, without sample tasks', async () => {
    TestBed.configureTestingModule({
      imports: [AnnotateTasksPage],
      providers: [provideQuorumIcons()],
    });
    const fixture = TestBed.createComponent(AnnotateTasksPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('Annotate');
    expect(el.querySelector('q-empty-state h2')?.textContent).toBe(
      'No tasks for you yet',
    );
    expect(el.querySelector('button')).toBeNull();
  });
});
