import { TestBed } from '@angular/core/testing';
import { EmptyState } from './empty-state';
import { provideQuorumIcons } from './icons';

describe('EmptyState', () => {
  async function render(inputs: Record<string, unknown>) {
    TestBed.configureTestingModule({
      imports: [EmptyState],
      providers: [provideQuorumIcons()],
    });
    const fixture = TestBed.createComponent(EmptyState);
    for (const [name, value] of Object.entries(inputs))
      fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    return fixture;
  }

  it('shows the heading and message, and no button without an action', async () => {
    const fixture = await render({
      icon: 'work',
      heading: 'No jobs yet',
      message: 'Jobs appear here.',
    });
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h2')?.textContent).toBe('No jobs yet');
    expect(el.textContent).toContain('Jobs appear here.');
    expect(el.querySelector('button')).toBeNull();
    expect(el.querySelector('mat-icon svg')).not.toBeNull();
  });

  it('emits when its action is clicked', async () => {
    const fixture = await render({
      heading: 'No members',
      actionLabel: 'Add member',
    });
    const clicked = jest.fn();
    fixture.componentInstance.action.subscribe(clicked);
    const button = (fixture.nativeElement as HTMLElement).querySelector(
      'button',
    );
    expect(button?.textContent?.trim()).toBe('Add member');
    button?.click();
    expect(clicked).toHaveBeenCalledTimes(1);
  });
});
