import { allContractProblems, readDataFile } from './datasets.test-helpers';
import {
  HH_RLHF_CONTENT_WARNING,
  hhRlhfPair,
  hhRlhfToPairwise,
} from './hh-rlhf';

describe('hhRlhfToPairwise on hh-rlhf harmless-base test (first 300 lines)', () => {
  const jsonl = readDataFile('hhRlhfHarmlessTest');
  const records = jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { chosen: string; rejected: string });
  const converted = hhRlhfToPairwise(jsonl);

  it('makes 299 pairs from the 300 records: line 87 has an empty chosen turn', () => {
    expect(records).toHaveLength(300);
    expect(converted.taskType).toBe('pairwise_preference');
    expect(converted.schema).toEqual({ allowTie: true });
    expect(converted.items).toHaveLength(299);
    expect(converted.items.map((item) => item.externalId)).not.toContain(
      'hh-harmless-base-test-87',
    );
    expect(converted.warnings).toEqual([
      HH_RLHF_CONTENT_WARNING,
      'line 87: the chosen final Assistant turn is empty; skipped',
    ]);
  });

  it('flags the content as offensive red-team data', () => {
    expect(converted.contentWarning).toBe(HH_RLHF_CONTENT_WARNING);
    expect(converted.contentWarning).toMatch(/offensive/i);
  });

  it('splits the shared dialogue from the final turns and points choice at the chosen one', () => {
    for (const item of converted.items) {
      const lineNumber = Number(
        item.externalId.replace('hh-harmless-base-test-', ''),
      );
      const { chosen, rejected } = records[lineNumber - 1];
      const { prompt, responses } = item.data;
      const better = responses[item.answer!.choice === 'a' ? 0 : 1];
      const worse = responses[item.answer!.choice === 'a' ? 1 : 0];
      expect(prompt.startsWith('Human: ')).toBe(true);
      expect(prompt.endsWith('Assistant:')).toBe(false);
      expect(chosen.startsWith(`\n\n${prompt}\n\nAssistant:`)).toBe(true);
      expect(rejected.startsWith(`\n\n${prompt}\n\nAssistant:`)).toBe(true);
      expect(chosen.slice(`\n\n${prompt}\n\nAssistant:`.length).trim()).toBe(
        better,
      );
      expect(rejected.slice(`\n\n${prompt}\n\nAssistant:`.length).trim()).toBe(
        worse,
      );
    }
  });

  it('puts the chosen turn first about half of the time', () => {
    const chosenFirst = converted.items.filter(
      (item) => item.answer!.choice === 'a',
    ).length;
    expect(chosenFirst / converted.items.length).toBeGreaterThan(0.4);
    expect(chosenFirst / converted.items.length).toBeLessThan(0.6);
  });

  it('matches the contract shapes and is deterministic', () => {
    expect(allContractProblems(converted)).toEqual([]);
    expect(hhRlhfToPairwise(jsonl)).toEqual(converted);
    expect(hhRlhfToPairwise(jsonl, { limit: 10 }).items).toEqual(
      converted.items.slice(0, 10),
    );
  });

  it('explains records it cannot use', () => {
    expect(
      hhRlhfPair(
        {
          chosen: '\n\nHuman: a\n\nAssistant: b',
          rejected: '\n\nHuman: c\n\nAssistant: d',
        },
        's',
      ),
    ).toEqual({
      problem: 'chosen and rejected differ before their final Assistant turn',
    });
    expect(
      hhRlhfPair(
        {
          chosen: '\n\nHuman: a\n\nAssistant: b',
          rejected: '\n\nHuman: a\n\nAssistant:  b ',
        },
        's',
      ),
    ).toEqual({
      problem: 'chosen and rejected final turns are identical',
    });
    expect(hhRlhfPair({ chosen: 'Human: a' }, 's')).toEqual({
      problem: '"chosen" and "rejected" must be strings',
    });
  });
});
