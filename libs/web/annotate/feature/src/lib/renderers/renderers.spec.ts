import { type Type } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { BboxRenderer } from './bbox.renderer';
import { ClassificationRenderer } from './classification.renderer';
import { NerRenderer } from './ner.renderer';
import { PairwiseRenderer } from './pairwise.renderer';
import { RankingRenderer } from './ranking.renderer';
import { RatingRenderer } from './rating.renderer';
import { WritingRenderer } from './writing.renderer';

interface Renderer {
  valueChange: { subscribe(fn: (v: unknown) => void): unknown };
}

/** Mounts a renderer and records what it emits; `feedBack` passes each answer back in as `value`. */
async function mount<T extends Renderer>(
  type: Type<T>,
  inputs: Record<string, unknown>,
  feedBack = false,
): Promise<{ fixture: ComponentFixture<T>; el: HTMLElement; emitted: unknown[] }> {
  const fixture = TestBed.createComponent(type);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  const emitted: unknown[] = [];
  fixture.componentInstance.valueChange.subscribe((v) => {
    emitted.push(v);
    if (feedBack) fixture.componentRef.setInput('value', v);
  });
  await fixture.whenStable();
  return { fixture, el: fixture.nativeElement as HTMLElement, emitted };
}

async function press(fixture: ComponentFixture<unknown>, key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  document.body.dispatchEvent(event);
  await fixture.whenStable();
  return event;
}

function buttons(el: HTMLElement, text: string): HTMLButtonElement[] {
  return Array.from(el.querySelectorAll('button')).filter((b) => b.textContent?.includes(text));
}

const XSS = '<img src=x onerror="globalThis.pwned = true">';

describe('ClassificationRenderer', () => {
  const schema = { labels: ['refund', 'card_lost', 'other'] };

  it('picks one label by click or by number key', async () => {
    const { fixture, el, emitted } = await mount(ClassificationRenderer, { schema, data: { text: 'I lost my card' } });
    buttons(el, 'card_lost')[0].click();
    await press(fixture, '3');
    expect(emitted).toEqual([{ label: 'card_lost' }, { label: 'other' }]);
  });

  it('toggles several labels when the schema allows multiple', async () => {
    const { fixture, emitted } = await mount(
      ClassificationRenderer,
      { schema: { ...schema, multiple: true }, data: { text: 'x' }, value: { labels: ['other'] } },
      true,
    );
    await press(fixture, '1');
    await press(fixture, '3');
    await press(fixture, '2');
    expect(emitted).toEqual([
      { labels: ['refund', 'other'] },
      { labels: ['refund'] },
      { labels: ['refund', 'card_lost'] },
    ]);
  });

  it('ignores number keys typed into a text field and keys it has no label for', async () => {
    const { fixture, emitted } = await mount(ClassificationRenderer, { schema, data: { text: 'x' } });
    const input = document.createElement('input');
    document.body.appendChild(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
    input.remove();
    await press(fixture, '7');
    expect(emitted).toEqual([]);
  });

  it('shows markup in the item as text, never as HTML', async () => {
    const { el } = await mount(ClassificationRenderer, { schema, data: { text: XSS } });
    expect(el.querySelector('.q-task-text')?.textContent).toBe(XSS);
    expect(el.querySelector('.q-task-text img')).toBeNull();
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });
});

describe('NerRenderer', () => {
  const text = 'Ada Lovelace met Charles Babbage in London.';
  const schema = { labels: ['PER', 'LOC'] };

  function select(el: HTMLElement, from: number, to: number): void {
    // Find the text nodes holding those item offsets through the segments' data-start.
    const root = el.querySelector<HTMLElement>('.text')!;
    const at = (offset: number): [Node, number] => {
      const segs = Array.from(root.querySelectorAll<HTMLElement>('[data-start]'));
      const seg = segs.filter((s) => Number(s.dataset['start']) <= offset).pop()!;
      return [seg.firstChild!, offset - Number(seg.dataset['start'])];
    };
    const range = document.createRange();
    range.setStart(...at(from));
    range.setEnd(...at(to));
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }

  it('turns a mouse selection plus a number key into a span of string offsets', async () => {
    const { fixture, el, emitted } = await mount(
      NerRenderer,
      { schema, data: { text }, value: { spans: [{ start: 0, end: 12, label: 'PER' }] } },
      true,
    );
    // "London" sits after the existing span, in a later segment; the leading space is trimmed off.
    select(el, 35, 42);
    await fixture.whenStable();
    expect(el.textContent).toContain('Selected “London”');
    await press(fixture, '2');
    expect(emitted).toEqual([
      { spans: [{ start: 0, end: 12, label: 'PER' }, { start: 36, end: 42, label: 'LOC' }] },
    ]);
    expect(text.slice(36, 42)).toBe('London');
    expect(el.querySelectorAll('mark').length).toBe(2);
  });

  it('refuses an overlapping span and removes spans from the list', async () => {
    const { fixture, el, emitted } = await mount(
      NerRenderer,
      { schema, data: { text }, value: { spans: [{ start: 17, end: 32, label: 'PER' }] } },
      true,
    );
    select(el, 25, 35);
    await press(fixture, '1');
    expect(el.textContent).toContain('overlaps');
    expect(emitted).toEqual([]);
    buttons(el, 'Remove')[0].click();
    expect(emitted).toEqual([{ spans: [] }]);
  });

  it('keeps the text intact and inert', async () => {
    const { el } = await mount(NerRenderer, { schema, data: { text: XSS }, value: { spans: [{ start: 0, end: 4, label: 'PER' }] } });
    expect(el.querySelector('.text')?.textContent).toBe(XSS);
    expect(el.querySelector('.text img')).toBeNull();
  });
});

describe('BboxRenderer', () => {
  it('draws a box in natural pixels whatever size the image is shown at', async () => {
    const { fixture, el, emitted } = await mount(
      BboxRenderer,
      { schema: { labels: ['car', 'person'] }, data: { imageUrl: 'https://example.com/a.jpg', width: 800, height: 600 }, value: { boxes: [] } },
      true,
    );
    const svg = el.querySelector('svg')!;
    // Shown at half size, 100 px from the left and 50 px from the top of the viewport.
    svg.getBoundingClientRect = () => ({ left: 100, top: 50, width: 400, height: 300, right: 500, bottom: 350, x: 100, y: 50, toJSON: () => ({}) });
    svg.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0, clientX: 110, clientY: 60 }));
    svg.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 210, clientY: 110 }));
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: 210, clientY: 110 }));
    await fixture.whenStable();
    await press(fixture, '2');
    expect(emitted).toEqual([{ boxes: [{ x: 20, y: 20, w: 200, h: 100, label: 'person' }] }]);
    expect(el.querySelector('.list')?.textContent).toContain('200 × 100');

    // Dragging past the image's edge is clamped to it.
    svg.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0, clientX: 400, clientY: 300 }));
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: 900, clientY: 900 }));
    await press(fixture, '1');
    expect(emitted[1]).toEqual({
      boxes: [
        { x: 20, y: 20, w: 200, h: 100, label: 'person' },
        { x: 600, y: 500, w: 200, h: 100, label: 'car' },
      ],
    });
    await press(fixture, 'Backspace');
    expect(emitted[2]).toEqual({ boxes: [{ x: 20, y: 20, w: 200, h: 100, label: 'person' }] });
  });
});

describe('PairwiseRenderer', () => {
  const data = { prompt: 'Explain DNS', responses: ['Answer A', 'Answer B'] as [string, string] };

  it('builds choice, strength and per-criterion choices from the keyboard', async () => {
    const { fixture, emitted } = await mount(PairwiseRenderer, {
      schema: { criteria: ['helpfulness', 'honesty'], allowTie: true },
      data,
    });
    await press(fixture, 'b');
    await press(fixture, '3');
    await press(fixture, 'ArrowDown');
    await press(fixture, 'a');
    await press(fixture, 'ArrowDown');
    await press(fixture, 't');
    expect(emitted.at(-1)).toEqual({
      choice: 'b',
      strength: 3,
      criteria: { helpfulness: 'a', honesty: 'tie' },
    });
  });

  it('does not offer a tie unless allowed, drops strength on a tie and keeps the rationale', async () => {
    const { fixture, el, emitted } = await mount(PairwiseRenderer, { schema: {}, data });
    await press(fixture, 't');
    expect(emitted).toEqual([]);
    expect(buttons(el, 'Tie')).toHaveLength(0);
    await press(fixture, 'a');
    const textarea = el.querySelector('textarea')!;
    textarea.value = 'A is accurate';
    textarea.dispatchEvent(new Event('input'));
    // A key typed in the rationale is text, not a shortcut.
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'b', bubbles: true }));
    expect(emitted.at(-1)).toEqual({ choice: 'a', rationale: 'A is accurate' });

    const tie = await mount(PairwiseRenderer, { schema: { allowTie: true }, data });
    await press(tie.fixture, '2');
    await press(tie.fixture, 't');
    expect(tie.emitted.at(-1)).toEqual({ choice: 'tie' });
  });

  it('shows both responses as text', async () => {
    const { el } = await mount(PairwiseRenderer, { schema: {}, data: { prompt: XSS, responses: [XSS, 'b'] } });
    expect(el.querySelectorAll('img')).toHaveLength(0);
    expect(el.textContent).toContain(XSS);
  });
});

describe('RankingRenderer', () => {
  it('moves the selected response with the arrow keys and emits a permutation', async () => {
    const { fixture, el, emitted } = await mount(
      RankingRenderer,
      { schema: {}, data: { prompt: 'p', responses: ['first', 'second', 'third'] } },
      true,
    );
    await press(fixture, '3');
    await press(fixture, 'ArrowUp');
    await press(fixture, 'ArrowUp');
    await press(fixture, 'ArrowUp');
    expect(emitted).toEqual([{ order: [0, 2, 1] }, { order: [2, 0, 1] }]);
    const texts = Array.from(el.querySelectorAll('.text')).map((t) => t.textContent);
    expect(texts).toEqual(['third', 'first', 'second']);
  });
});

describe('RatingRenderer', () => {
  it('scores the highlighted criterion and moves to the next', async () => {
    const { fixture, emitted } = await mount(
      RatingRenderer,
      { schema: { criteria: ['helpfulness', 'honesty'], scale: { min: 1, max: 5 } }, data: { prompt: 'p', response: 'r' } },
      true,
    );
    await press(fixture, '4');
    await press(fixture, '9');
    await press(fixture, '2');
    await press(fixture, 'ArrowUp');
    await press(fixture, '5');
    expect(emitted).toEqual([
      { scores: { helpfulness: 4 } },
      { scores: { helpfulness: 4, honesty: 2 } },
      { scores: { helpfulness: 5, honesty: 2 } },
    ]);
  });

  it('starts every new item at the first criterion', async () => {
    const { fixture, emitted } = await mount(
      RatingRenderer,
      { schema: { criteria: ['helpfulness', 'honesty'], scale: { min: 1, max: 5 } }, data: { prompt: 'p', response: 'r' } },
      true,
    );
    await press(fixture, '4');
    await press(fixture, '4');
    fixture.componentRef.setInput('data', { prompt: 'p2', response: 'r2' });
    fixture.componentRef.setInput('value', { scores: {} });
    await fixture.whenStable();
    await press(fixture, '2');
    expect(emitted.at(-1)).toEqual({ scores: { helpfulness: 2 } });
  });
});

describe('keys faster than the parent', () => {
  it('build on each other before the value comes back', async () => {
    const rating = await mount(RatingRenderer, {
      schema: { criteria: ['a', 'b', 'c'], scale: { min: 1, max: 7 } },
      data: { prompt: 'p', response: 'r' },
    });
    for (const key of ['4', '6', '2']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    expect(rating.emitted.at(-1)).toEqual({ scores: { a: 4, b: 6, c: 2 } });

    const ranking = await mount(RankingRenderer, { schema: {}, data: { prompt: 'p', responses: ['x', 'y', 'z'] } });
    for (const key of ['3', 'ArrowUp', 'ArrowUp']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    expect(ranking.emitted.at(-1)).toEqual({ order: [2, 0, 1] });
  });
});

describe('WritingRenderer', () => {
  it('emits the text and counts it against the limits', async () => {
    const { fixture, el, emitted } = await mount(
      WritingRenderer,
      { schema: { minLength: 5, maxLength: 20 }, data: { prompt: 'Write a haiku' } },
      true,
    );
    const textarea = el.querySelector('textarea')!;
    textarea.value = 'abc';
    textarea.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(emitted).toEqual([{ text: 'abc' }]);
    expect(el.querySelector('.count')?.classList).toContain('bad');
    expect(el.querySelector('.count')?.textContent).toContain('3 characters');
    textarea.value = 'autumn moonlight';
    textarea.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(el.querySelector('.count')?.classList).not.toContain('bad');
  });
});
