import { TestBed } from '@angular/core/testing';
import { InstructionsPanel } from './instructions-panel';
import { parseInline, parseInstructions } from './instructions-text';

describe('parseInstructions', () => {
  it('reads headings, bullets, emphasis, code and http(s) links as tokens', () => {
    const blocks = parseInstructions('# Rules\n- Pick **one** label\n\nSee [the guide](https://example.com/g) or `faq`. _Data: CC BY_');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'bullet', 'gap', 'line']);
    expect(blocks[1].inlines).toEqual([
      { kind: 'text', text: 'Pick ' },
      { kind: 'strong', text: 'one' },
      { kind: 'text', text: ' label' },
    ]);
    expect(blocks[3].inlines).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'the guide', href: 'https://example.com/g' },
      { kind: 'text', text: ' or ' },
      { kind: 'code', text: 'faq' },
      { kind: 'text', text: '. ' },
      { kind: 'em', text: 'Data: CC BY' },
    ]);
  });

  it('leaves HTML and non-http links as plain text', () => {
    expect(parseInline('<b>x</b> [y](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '<b>x</b> [y](javascript:alert(1))' },
    ]);
  });
});

describe('InstructionsPanel', () => {
  it('renders the subset without adding spaces between tokens', async () => {
    const fixture = TestBed.createComponent(InstructionsPanel);
    fixture.componentRef.setInput('text', 'Pick **one**. <img src=x onerror=alert(1)>');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.text p')?.textContent).toBe('Pick one. <img src=x onerror=alert(1)>');
    expect(el.querySelector('strong')?.textContent).toBe('one');
    expect(el.querySelector('.text img')).toBeNull();
  });
});
