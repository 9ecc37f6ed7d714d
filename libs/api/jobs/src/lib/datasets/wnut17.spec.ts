import { allContractProblems, readDataFile } from './datasets.test-helpers';
import { conllSentenceToNer, WNUT17_LABELS, wnut17ToNer } from './wnut17';

/** The sentences of the CoNLL file, read independently of the converter. */
function sentences(conll: string): { token: string; tag: string }[][] {
  return conll
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0)
    .map((lines) =>
      lines.map((line) => ({
        token: line.split('\t')[0],
        tag: line.split('\t')[1],
      })),
    );
}

describe('wnut17ToNer on the WNUT-17 test set', () => {
  const conll = readDataFile('wnut17Test');
  const converted = wnut17ToNer(conll);
  const source = sentences(conll);

  it('gives one item per sentence: 1,287 sentences, 23,394 tokens, 1,079 entities', () => {
    expect(converted.taskType).toBe('ner');
    expect(converted.schema).toEqual({
      labels: [
        'person',
        'location',
        'group',
        'creative-work',
        'corporation',
        'product',
      ],
    });
    expect(source).toHaveLength(1287);
    expect(converted.items).toHaveLength(1287);
    const texts = converted.items.map((item) => item.data.text);
    expect(texts.reduce((sum, text) => sum + text.split(' ').length, 0)).toBe(
      23394,
    );
    const spans = converted.items.flatMap((item) => item.answer?.spans ?? []);
    expect(spans).toHaveLength(1079);
    const perLabel = Object.fromEntries(
      WNUT17_LABELS.map((label) => [
        label,
        spans.filter((span) => span.label === label).length,
      ]),
    );
    expect(perLabel).toEqual({
      person: 429,
      location: 150,
      group: 165,
      'creative-work': 142,
      corporation: 66,
      product: 127,
    });
    expect(
      converted.items.filter((item) => item.answer?.spans.length === 0),
    ).toHaveLength(
      source.filter((sentence) => sentence.every(({ tag }) => tag === 'O'))
        .length,
    );
  });

  it('places every span exactly on its tokens: re-tagging the text from the spans gives back the file', () => {
    converted.items.forEach((item, index) => {
      const tokens = source[index];
      expect(item.data.text).toBe(tokens.map(({ token }) => token).join(' '));
      const starts: number[] = [];
      let offset = 0;
      for (const { token } of tokens) {
        starts.push(offset);
        offset += token.length + 1;
      }
      const tags = starts.map((start) => {
        const span = item.answer?.spans.find(
          (s) => s.start <= start && start < s.end,
        );
        if (span === undefined) return 'O';
        return `${span.start === start ? 'B' : 'I'}-${span.label}`;
      });
      expect(tags).toEqual(tokens.map(({ tag }) => tag));
      for (const span of item.answer?.spans ?? []) {
        const inside = tokens
          .filter(
            (_token, i) => starts[i] >= span.start && starts[i] < span.end,
          )
          .map(({ token }) => token);
        expect(item.data.text.slice(span.start, span.end)).toBe(
          inside.join(' '),
        );
      }
    });
  });

  it('gets the first sentence right', () => {
    const [first] = converted.items;
    expect(first.externalId).toBe('wnut17-test-1');
    expect(first.data.text).toBe(
      '& gt ; * The soldier was killed when another avalanche hit an army barracks in the northern area of Sonmarg , said a military spokesman .',
    );
    expect(first.answer?.spans).toEqual([
      { start: 100, end: 107, label: 'location' },
    ]);
    expect(first.data.text.slice(100, 107)).toBe('Sonmarg');
  });

  it('reports the source quirks a reader of the items will notice', () => {
    expect(converted.warnings).toEqual([
      '34 sentences contain HTML entities split into tokens ("& gt ;"), kept as in the source',
      '1 spans follow an emoji or other non-BMP character: offsets are UTF-16 code units (JavaScript string indices), not code points',
    ]);
  });

  it('matches the contract shapes and is deterministic', () => {
    expect(allContractProblems(converted)).toEqual([]);
    expect(wnut17ToNer(conll)).toEqual(converted);
    expect(wnut17ToNer(conll, { limit: 10 }).items).toEqual(
      converted.items.slice(0, 10),
    );
  });

  it('reads B- as a start and I- as a continuation of the same type, and says when an I- has nothing to continue', () => {
    const problems: string[] = [];
    const result = conllSentenceToNer(
      [
        { token: 'New', tag: 'B-location' },
        { token: 'York', tag: 'I-location' },
        { token: 'Apple', tag: 'I-corporation' },
        { token: 'Inc', tag: 'I-corporation' },
        { token: 'x', tag: 'B-unknown' },
        { token: 'Paris', tag: 'B-location' },
        { token: 'Texas', tag: 'B-location' },
      ],
      [...WNUT17_LABELS],
      (message) => problems.push(message),
    );
    expect(result.text).toBe('New York Apple Inc x Paris Texas');
    expect(
      result.spans.map((span) => [
        result.text.slice(span.start, span.end),
        span.label,
      ]),
    ).toEqual([
      ['New York', 'location'],
      ['Apple Inc', 'corporation'],
      ['Paris', 'location'],
      ['Texas', 'location'],
    ]);
    expect(problems).toHaveLength(2);
  });
});
