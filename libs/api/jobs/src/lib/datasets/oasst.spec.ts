import { allContractProblems, readDataFile } from './datasets.test-helpers';
import {
  oasstToPairwise,
  oasstToRanking,
  oasstTrees,
  type OasstMessage,
  promptsFromOasst,
} from './oasst';

/** Every prompter message with ≥2 ranked assistant replies, read straight from the file. */
function rankedSource(
  jsonl: string,
): Map<
  string,
  { prompter: OasstMessage; ranked: OasstMessage[]; root: OasstMessage }
> {
  const groups = new Map<
    string,
    { prompter: OasstMessage; ranked: OasstMessage[]; root: OasstMessage }
  >();
  for (const line of jsonl.split('\n').filter((l) => l.trim() !== '')) {
    const root = (JSON.parse(line) as { prompt: OasstMessage }).prompt;
    const stack = [root];
    while (stack.length > 0) {
      const message = stack.pop()!;
      const ranked = message.replies.filter(
        (reply) =>
          reply.role === 'assistant' &&
          reply.rank !== null &&
          reply.rank !== undefined,
      );
      if (message.role === 'prompter' && ranked.length >= 2)
        groups.set(message.message_id, { prompter: message, ranked, root });
      stack.push(...message.replies);
    }
  }
  return groups;
}

const redFlagged = (message: OasstMessage): boolean =>
  (message.emojis?.['red_flag'] ?? 0) > 0;

describe('Open-Assistant en_100_tree.jsonl', () => {
  const jsonl = readDataFile('oasstTrees');
  const source = rankedSource(jsonl);

  it('has the 100 trees, 212 ranked groups and 641 ranked replies described in the data README', () => {
    expect([...oasstTrees(jsonl)]).toHaveLength(100);
    expect(source.size).toBe(212);
    expect(
      [...source.values()].reduce((sum, group) => sum + group.ranked.length, 0),
    ).toBe(641);
  });

  describe('oasstToRanking', () => {
    const converted = oasstToRanking(jsonl);

    it('by default leaves out the 5 synthetic trees and the 6 red-flagged replies: 204 items, 615 responses', () => {
      expect(converted.taskType).toBe('ranking');
      expect(converted.schema).toEqual({});
      expect(converted.items).toHaveLength(204);
      expect(
        converted.items.reduce(
          (sum, item) => sum + item.data.responses.length,
          0,
        ),
      ).toBe(615);
      expect(converted.warnings).toEqual([
        '5 ranked groups skipped: the prompt (or its conversation) is synthetic, deleted, failed review or red-flagged',
        '6 red-flagged replies left out (the rest keep their relative order)',
        '3 ranked groups skipped: fewer than 2 usable replies left',
        "112 prompts are follow-up turns shown without the conversation before them; pass { context: 'dialogue' } to include it",
      ]);
      const shown = new Set(
        converted.items.flatMap((item) => item.data.responses),
      );
      const flagged = [...source.values()].flatMap((group) =>
        group.ranked.filter(redFlagged),
      );
      expect(flagged).toHaveLength(6);
      expect(flagged.filter((reply) => shown.has(reply.text))).toEqual([]);
    });

    it('keeps every ranked reply when asked to: 212 items, 641 responses', () => {
      const all = oasstToRanking(jsonl, {
        includeSynthetic: true,
        includeRedFlagged: true,
      });
      expect(all.items).toHaveLength(212);
      expect(
        all.items.reduce((sum, item) => sum + item.data.responses.length, 0),
      ).toBe(641);
      expect(allContractProblems(all)).toEqual([]);
    });

    it('answers with the volunteers ranking: order lists the responses best first', () => {
      for (const item of converted.items) {
        const group = source.get(item.externalId)!;
        expect(item.data.prompt).toBe(group.prompter.text);
        const rankOf = new Map(
          group.ranked.map((reply) => [reply.text, reply.rank as number]),
        );
        expect(rankOf.size).toBe(group.ranked.length);
        const ranks = item.answer!.order.map(
          (index) => rankOf.get(item.data.responses[index])!,
        );
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(new Set(ranks).size).toBe(ranks.length);
      }
    });

    it('shuffles the responses, so their position does not give the ranking away', () => {
      const identity = converted.items.filter((item) =>
        item.answer!.order.every((value, index) => value === index),
      );
      // The export lists replies best first; unshuffled, every order would be [0, 1, …].
      expect(identity.length / converted.items.length).toBeLessThan(0.4);
    });

    it('matches the contract shapes and is deterministic, seeded by message id rather than file position', () => {
      expect(allContractProblems(converted)).toEqual([]);
      expect(oasstToRanking(jsonl)).toEqual(converted);
      const reversed = jsonl.trimEnd().split('\n').reverse().join('\n');
      const fromReversed = new Map(
        oasstToRanking(reversed).items.map((item) => [item.externalId, item]),
      );
      for (const item of converted.items)
        expect(fromReversed.get(item.externalId)).toEqual(item);
    });

    it('can show follow-up prompts with the conversation before them', () => {
      const withContext = oasstToRanking(jsonl, { context: 'dialogue' });
      // Two follow-ups answer a red-flagged reply: with the conversation shown, they go too.
      expect(withContext.items).toHaveLength(202);
      expect(withContext.warnings[0]).toBe(
        '7 ranked groups skipped: the prompt (or its conversation) is synthetic, deleted, failed review or red-flagged',
      );
      const followUps = withContext.items.filter((item) =>
        item.data.prompt.startsWith('User: '),
      );
      expect(followUps).toHaveLength(110);
      for (const item of followUps) {
        const group = source.get(item.externalId)!;
        expect(
          item.data.prompt.startsWith(
            `User: ${group.root.text}\n\nAssistant: `,
          ),
        ).toBe(true);
        expect(
          item.data.prompt.endsWith(`\n\nUser: ${group.prompter.text}`),
        ).toBe(true);
      }
    });

    it('caps the number of responses, keeping the best ranked', () => {
      const capped = oasstToRanking(jsonl, { maxResponses: 3 });
      expect(
        Math.max(...capped.items.map((item) => item.data.responses.length)),
      ).toBe(3);
      for (const item of capped.items) {
        const ranked = source
          .get(item.externalId)!
          .ranked.filter((reply) => !redFlagged(reply));
        const best = ranked
          .sort((a, b) => (a.rank as number) - (b.rank as number))
          .slice(0, 3)
          .map((reply) => reply.text);
        expect([...item.data.responses].sort()).toEqual([...best].sort());
      }
      expect(capped.warnings).toContain(
        '35 items had more than 3 ranked replies; kept the best 3',
      );
    });
  });

  describe('oasstToPairwise', () => {
    const converted = oasstToPairwise(jsonl);

    it('pairs the best and the worst ranked reply of each of the 204 groups, the better one as choice', () => {
      expect(converted.taskType).toBe('pairwise_preference');
      expect(converted.schema).toEqual({ allowTie: true });
      expect(converted.items).toHaveLength(204);
      for (const item of converted.items) {
        const usable = source
          .get(item.externalId)!
          .ranked.filter((reply) => !redFlagged(reply))
          .sort((a, b) => (a.rank as number) - (b.rank as number));
        const chosen = item.answer!.choice === 'a' ? 0 : 1;
        expect(item.data.responses[chosen]).toBe(usable[0].text);
        expect(item.data.responses[1 - chosen]).toBe(
          usable[usable.length - 1].text,
        );
      }
    });

    it('puts the better reply first about half of the time', () => {
      const firstIsBetter = converted.items.filter(
        (item) => item.answer!.choice === 'a',
      ).length;
      expect(firstIsBetter / converted.items.length).toBeGreaterThan(0.35);
      expect(firstIsBetter / converted.items.length).toBeLessThan(0.65);
    });

    it('matches the contract shapes and is deterministic', () => {
      expect(allContractProblems(converted)).toEqual([]);
      expect(oasstToPairwise(jsonl)).toEqual(converted);
      expect(oasstToPairwise(jsonl, { limit: 5 }).items).toEqual(
        converted.items.slice(0, 5),
      );
    });
  });

  describe('promptsFromOasst', () => {
    it('takes the 95 non-synthetic conversation openers as response-writing prompts, without answers', () => {
      const converted = promptsFromOasst(jsonl);
      expect(converted.taskType).toBe('response_writing');
      expect(converted.items).toHaveLength(95);
      expect(converted.warnings).toEqual([
        '5 root prompts skipped (synthetic, deleted, failed review or red-flagged)',
      ]);
      expect(allContractProblems(converted)).toEqual([]);
      const roots = [...oasstTrees(jsonl)];
      expect(converted.items[0]).toEqual({
        externalId: roots[1].message_id,
        data: { prompt: roots[1].text },
      });
      expect(
        promptsFromOasst(jsonl, { includeSynthetic: true }).items,
      ).toHaveLength(100);
    });
  });

  it('reports lines that are not JSON or not trees instead of failing the whole file', () => {
    const lines = jsonl.trimEnd().split('\n');
    const damaged = [
      lines[0],
      '{not json',
      '{"prompt": {"text": "no id"}}',
      lines[1],
    ].join('\n');
    const converted = oasstToRanking(damaged);
    expect(converted.items.map((item) => item.externalId)).toEqual(
      oasstToRanking([lines[0], lines[1]].join('\n')).items.map(
        (item) => item.externalId,
      ),
    );
    expect(
      converted.warnings.some((warning) =>
        warning.startsWith('line 2: not JSON'),
      ),
    ).toBe(true);
    expect(converted.warnings).toContain(
      'line 3: no valid "prompt" message tree; skipped',
    );
  });
});
