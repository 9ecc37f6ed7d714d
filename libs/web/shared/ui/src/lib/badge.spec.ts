import { TestBed } from '@angular/core/testing';
import { NeutralityBadge } from './badge';
import { provideQuorumIcons } from './icons';

describe('NeutralityBadge', () => {
  it.each([
    ['clear', 'Clear', 'tone-good'],
    ['flagged', 'Flagged', 'tone-warn'],
    ['blocked', 'Blocked', 'tone-bad'],
    ['unknown', 'Not evaluated', 'tone-neutral'],
  ])(
    '%s reads "%s" (colour is never the only cue)',
    async (status, text, tone) => {
      TestBed.configureTestingModule({
        imports: [NeutralityBadge],
        providers: [provideQuorumIcons()],
      });
      const fixture = TestBed.createComponent(NeutralityBadge);
      fixture.componentRef.setInput('status', status);
      await fixture.whenStable();
      const badge = (fixture.nativeElement as HTMLElement).querySelector(
        'q-badge',
      );
      expect(badge?.textContent?.trim()).toBe(text);
      expect(badge?.classList).toContain(tone);
      expect(
        badge?.querySelector('mat-icon')?.getAttribute('aria-hidden'),
      ).toBe('true');
    },
  );
});
