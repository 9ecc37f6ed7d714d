import { banking77ToClassification } from './banking77';
import { DatasetFormatError } from './dataset.types';
import { allContractProblems, readDataFile } from './datasets.test-helpers';

describe('banking77ToClassification on the Banking77 test split', () => {
  const csv = readDataFile('banking77Test');
  const categories = readDataFile('banking77Categories');
  const converted = banking77ToClassification(csv, categories);

  it('turns all 3,080 rows into items over the 77 intents, 40 each', () => {
    expect(converted.taskType).toBe('classification');
    expect(converted.schema).toEqual({ labels: JSON.parse(categories) });
    expect(converted.schema.labels).toHaveLength(77);
    expect(converted.items).toHaveLength(3080);
    const perLabel = new Map<string, number>();
    for (const item of converted.items) {
      const label = (item.answer as { label: string }).label;
      perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
    }
    expect(perLabel.size).toBe(77);
    expect(new Set(perLabel.values())).toEqual(new Set([40]));
  });

  it('matches the contract shapes', () => {
    expect(allContractProblems(converted)).toEqual([]);
  });

  it('keeps commas inside quoted texts and trims the newlines some quoted texts begin with', () => {
    const byId = new Map(
      converted.items.map((item) => [item.externalId, item]),
    );
    expect(byId.get('banking77-test-2')).toEqual({
      externalId: 'banking77-test-2',
      data: {
        text: 'I still have not received my new card, I ordered over a week ago.',
      },
      answer: { label: 'card_arrival' },
    });
    const texts = converted.items.map(
      (item) => (item.data as { text: string }).text,
    );
    expect(texts).toContain('What businesses accept this card?');
    expect(texts.filter((text) => text !== text.trim())).toEqual([]);
    expect(converted.warnings).toEqual([
      '3 texts had leading or trailing whitespace (newlines inside quotes); trimmed',
    ]);
  });

  it('interleaves the labels, so a limited run still covers every intent', () => {
    const limited = banking77ToClassification(csv, categories, { limit: 100 });
    expect(limited.items).toHaveLength(100);
    expect(
      new Set(
        limited.items.map((item) => (item.answer as { label: string }).label),
      ).size,
    ).toBe(77);
    expect(limited.items[0].externalId).toBe('banking77-test-1');
    expect(
      limited.items
        .slice(0, 77)
        .map((item) => (item.answer as { label: string }).label),
    ).toEqual(converted.schema.labels);
  });

  it('is deterministic', () => {
    expect(banking77ToClassification(csv, categories)).toEqual(converted);
  });

  it('skips rows whose category is unknown, and rejects a file without the expected header', () => {
    const small = banking77ToClassification(
      'text,category\r\n"a, b",card_arrival\r\nhello,not_a_label\r\n',
      '["card_arrival"]',
    );
    expect(small.items).toEqual([
      {
        externalId: 'banking77-test-1',
        data: { text: 'a, b' },
        answer: { label: 'card_arrival' },
      },
    ]);
    expect(small.warnings).toEqual([
      'row 2: category "not_a_label" is not in categories.json; skipped',
    ]);
    expect(() =>
      banking77ToClassification('sentence,intent\nx,y\n', '["y"]'),
    ).toThrow(DatasetFormatError);
    expect(() => banking77ToClassification('text,category\n', '{}')).toThrow(
      DatasetFormatError,
    );
  });
});
