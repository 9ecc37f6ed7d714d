import { TestBed } from '@angular/core/testing';
import { ApiProblem } from '@quorum/web/shared/util';
import { provideQuorumIcons } from './icons';
import { ProblemAlert } from './problem-alert';

async function render(problem: ApiProblem | null) {
  TestBed.configureTestingModule({
    imports: [ProblemAlert],
    providers: [provideQuorumIcons()],
  });
  const fixture = TestBed.createComponent(ProblemAlert);
  fixture.componentRef.setInput('problem', problem);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('ProblemAlert', () => {
  it('renders nothing without a problem', async () => {
    const el = await render(null);
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows title, detail, every field error and the reference', async () => {
    const el = await render(
      ApiProblem.fromResponse(400, {
        title: 'Validation failed',
        status: 400,
        detail: 'Fix the fields below',
        requestId: 'req-42',
        errors: [
          { path: 'email', message: 'email must be an email address' },
          {
            path: 'password',
            message: 'password must be at least 12 characters',
          },
          { path: 'data.text', message: 'text is required', line: 3 },
        ],
      }),
    );
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Validation failed');
    expect(alert?.textContent).toContain('Fix the fields below');
    const items = Array.from(el.querySelectorAll('li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(items).toEqual([
      'email: email must be an email address',
      'password: password must be at least 12 characters',
      'Line 3 (data.text): text is required',
    ]);
    expect(alert?.textContent).toContain('req-42');
  });
});
