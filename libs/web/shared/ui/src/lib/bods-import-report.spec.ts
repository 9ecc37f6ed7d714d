import { TestBed } from '@angular/core/testing';
import { BodsImportReport } from './bods-import-report';
import { provideQuorumIcons } from './icons';

describe('BodsImportReport', () => {
  it('shows the counts and every error and warning by statement, in order', async () => {
    TestBed.configureTestingModule({
      imports: [BodsImportReport],
      providers: [provideQuorumIcons()],
    });
    const fixture = TestBed.createComponent(BodsImportReport);
    fixture.componentRef.setInput('fileName', 'registry.jsonl');
    fixture.componentRef.setInput('report', {
      imported: 11,
      skipped: 2,
      errors: [
        { index: 12, message: 'line 13 is not valid JSON' },
        { index: 3, message: 'missing recordId' },
        { index: -1, message: 'trailing garbage' },
      ],
      warnings: [{ index: 7, message: 'share ignored on boardChair' }],
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h2')?.textContent).toContain('registry.jsonl');
    expect(el.querySelector('h2')?.textContent).toContain('3 not imported');
    const counts = Object.fromEntries(
      Array.from(el.querySelectorAll('.counts > div')).map((d) => [
        d.querySelector('dt')?.textContent,
        d.querySelector('dd')?.textContent,
      ]),
    );
    expect(counts).toMatchObject({
      Imported: '11',
      'Skipped (already imported)': '2',
      Errors: '3',
      Warnings: '1',
    });
    const lists = el.querySelectorAll('.issues');
    expect(
      Array.from(lists[0].querySelectorAll('li')).map((li) =>
        li.textContent?.trim(),
      ),
    ).toEqual([
      'Document: trailing garbage',
      'Statement 3: missing recordId',
      'Statement 12: line 13 is not valid JSON',
    ]);
    expect(lists[1].textContent).toContain(
      'Statement 7: share ignored on boardChair',
    );
  });
});
