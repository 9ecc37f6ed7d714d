import { banking77ToClassification } from './banking77';
import { allContractProblems, readDataFile } from './datasets.test-helpers';
import { hhRlhfToPairwise } from './hh-rlhf';
import { splitGold, textLines, toJsonLines } from './json-lines';
import { wnut17ToNer } from './wnut17';

describe('toJsonLines', () => {
  const ner = wnut17ToNer(readDataFile('wnut17Test'));

  it('writes the POST /jobs/{id}/items body: one { externalId, data } object per line', () => {
    const body = toJsonLines(ner.items, { withAnswers: false });
    expect(body.endsWith('\n')).toBe(true);
    const lines = body.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1287);
    expect(lines[0]).toBe(
      JSON.stringify({
        externalId: 'wnut17-test-1',
        data: { text: ner.items[0].data.text },
      }),
    );
    expect(lines.map((line) => JSON.parse(line))).toEqual(
      ner.items.map(({ externalId, data }) => ({ externalId, data })),
    );
  });

  it('writes the POST /jobs/{id}/gold body with each answer, and refuses items without one', () => {
    const pairs = hhRlhfToPairwise(readDataFile('hhRlhfHarmlessTest'));
    const lines = toJsonLines(pairs.items, { withAnswers: true })
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(299);
    expect(Object.keys(JSON.parse(lines[0]))).toEqual([
      'externalId',
      'data',
      'answer',
    ]);
    expect(lines.map((line) => JSON.parse(line))).toEqual(pairs.items);
    expect(() =>
      toJsonLines([{ externalId: 'x', data: { prompt: 'p' } }], {
        withAnswers: true,
      }),
    ).toThrow(/x has no answer/);
  });
});

describe('splitGold', () => {
  const banking = banking77ToClassification(
    readDataFile('banking77Test'),
    readDataFile('banking77Categories'),
  );

  it('marks about the given fraction as gold, the same items every time, across the labels', () => {
    const { items, gold } = splitGold(banking.items, 0.1);
    expect(items.length + gold.length).toBe(3080);
    expect(gold.length).toBeGreaterThan(250);
    expect(gold.length).toBeLessThan(370);
    expect(
      new Set(gold.map((item) => (item.answer as { label: string }).label))
        .size,
    ).toBeGreaterThan(60);
    expect(splitGold(banking.items, 0.1)).toEqual({ items, gold });
    expect(
      new Set([...items, ...gold].map((item) => item.externalId)).size,
    ).toBe(3080);
    expect(allContractProblems({ ...banking, items: gold })).toEqual([]);
  });

  it('never makes an item without an answer gold', () => {
    expect(
      splitGold([{ externalId: 'p', data: { prompt: 'x' } }], 1).gold,
    ).toEqual([]);
  });
});

describe('textLines', () => {
  it('numbers LF and CRLF lines and does not invent a line after the final newline', () => {
    expect([...textLines('a\r\nb\n\nc\n')]).toEqual([
      { line: 'a', lineNumber: 1 },
      { line: 'b', lineNumber: 2 },
      { line: '', lineNumber: 3 },
      { line: 'c', lineNumber: 4 },
    ]);
  });
});
