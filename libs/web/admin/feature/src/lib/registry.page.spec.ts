import { TestBed } from '@angular/core/testing';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { AdminRegistryPage } from './registry.page';

describe('AdminRegistryPage', () => {
  it('is headed Ownership registry and points to the API until the browser arrives', async () => {
    TestBed.configureTestingModule({
      imports: [AdminRegistryPage],
      providers: [provideQuorumIcons()],
    });
    const fixture = TestBed.createComponent(AdminRegistryPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toBe('Ownership registry');
    expect(el.querySelector('q-empty-state')?.textContent).toContain(
      '/api/docs',
    );
  });
});
