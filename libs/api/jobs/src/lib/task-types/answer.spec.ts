import type { TaskSchema, TaskType } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { chars, problemMessages, problemPaths } from './spec-helpers';
import { validateAnswer } from './task-types';

type Case = [name: string, answer: unknown, paths: string[]];

/** Runs a table of failing answers against one schema and item. */
function rejects(
  taskType: TaskType,
  schema: TaskSchema,
  item: unknown,
  cases: Case[],
): void {
  it.each(cases)('rejects %s', (_name, answer, paths) => {
    expect(
      problemPaths(validateAnswer(taskType, schema, item, answer)),
    ).toEqual(paths);
  });
}

/** Runs a table of valid answers: each passes and comes back equal (as a fresh object). */
function accepts(
  taskType: TaskType,
  schema: TaskSchema,
  item: unknown,
  cases: [name: string, answer: unknown][],
): void {
  it.each(cases)('accepts %s', (_name, answer) => {
    const result = validateAnswer(taskType, schema, item, answer);
    expect(result).toEqual({ ok: true, answer });
    if (result.ok) expect(result.answer).not.toBe(answer);
  });
}

describe('validateAnswer', () => {
  describe('classification, single label', () => {
    const schema = { labels: ['cat', 'dog', 'bird'] };
    const item = { text: 'Meow.' };
    accepts('classification', schema, item, [
      ['a label', { label: 'cat' }],
      ['another label', { label: 'bird' }],
    ]);
    rejects('classification', schema, item, [
      ['a label not in the schema', { label: 'cow' }, ['answer.label']],
      ['a label in the wrong case', { label: 'Cat' }, ['answer.label']],
      ['a missing label', {}, ['answer.label']],
      ['a numeric label', { label: 0 }, ['answer.label']],
      [
        'labels without multiple',
        { labels: ['cat'] },
        ['answer.labels', 'answer.label'],
      ],
      [
        'an extra field',
        { label: 'cat', confidence: 0.9 },
        ['answer.confidence'],
      ],
      ['null', null, ['answer']],
      ['a bare string', 'cat', ['answer']],
    ]);
    it('lists the valid labels in the message', () => {
      expect(
        problemMessages(
          validateAnswer('classification', schema, item, { label: 'cow' }),
        ),
      ).toEqual([
        `answer.label must be one of the job's labels ("cat", "dog", "bird"), got the string "cow"`,
      ]);
    });
  });

  describe('classification, multiple labels', () => {
    const schema = { labels: ['cat', 'dog', 'bird'], multiple: true };
    const item = { imageUrl: 'https://example.com/pets.jpg' };
    accepts('classification', schema, item, [
      ['one label', { labels: ['dog'] }],
      ['every label', { labels: ['bird', 'cat', 'dog'] }],
    ]);
    rejects('classification', schema, item, [
      [
        'label instead of labels',
        { label: 'cat' },
        ['answer.label', 'answer.labels'],
      ],
      ['an empty list', { labels: [] }, ['answer.labels']],
      ['a string instead of a list', { labels: 'cat' }, ['answer.labels']],
      ['a repeated label', { labels: ['cat', 'cat'] }, ['answer.labels[1]']],
      ['an unknown label', { labels: ['cat', 'cow'] }, ['answer.labels[1]']],
      [
        'several bad entries',
        { labels: ['cow', 1, 'dog', 'dog'] },
        ['answer.labels[0]', 'answer.labels[1]', 'answer.labels[3]'],
      ],
    ]);
  });

  describe('ner', () => {
    const schema = { labels: ['PER', 'LOC'] };
    const text = 'Ada met Bob in Paris.';
    const item = { text };
    const span = (start: number, end: number, label = 'PER') => ({
      start,
      end,
      label,
    });
    accepts('ner', schema, item, [
      ['no entities', { spans: [] }],
      [
        'spans in text order',
        { spans: [span(0, 3), span(8, 11), span(15, 20, 'LOC')] },
      ],
      ['spans in any order', { spans: [span(15, 20, 'LOC'), span(0, 3)] }],
      [
        'touching spans (end is exclusive)',
        { spans: [span(0, 3), span(3, 7, 'LOC')] },
      ],
      ['the whole text', { spans: [span(0, text.length)] }],
    ]);
    rejects('ner', schema, item, [
      ['a missing spans field', {}, ['answer.spans']],
      ['spans as an object', { spans: { 0: span(0, 3) } }, ['answer.spans']],
      [
        'a span that is not an object',
        { spans: [[0, 3, 'PER']] },
        ['answer.spans[0]'],
      ],
      ['a negative start', { spans: [span(-1, 3)] }, ['answer.spans[0].start']],
      [
        'a fractional start',
        { spans: [span(0.5, 3)] },
        ['answer.spans[0].start'],
      ],
      [
        'a string end',
        { spans: [span(0, '3' as unknown as number)] },
        ['answer.spans[0].end'],
      ],
      ['a NaN end', { spans: [span(0, NaN)] }, ['answer.spans[0].end']],
      [
        'an end past the text',
        { spans: [span(15, text.length + 1, 'LOC')] },
        ['answer.spans[0].end'],
      ],
      [
        'a start at the end of the text',
        { spans: [span(text.length, text.length + 1)] },
        ['answer.spans[0].start', 'answer.spans[0].end'],
      ],
      [
        'an empty span (start = end)',
        { spans: [span(3, 3)] },
        ['answer.spans[0].end'],
      ],
      ['a reversed span', { spans: [span(5, 2)] }, ['answer.spans[0].end']],
      [
        'a label not in the schema',
        { spans: [span(0, 3, 'ORG')] },
        ['answer.spans[0].label'],
      ],
      [
        'a missing label',
        { spans: [{ start: 0, end: 3 }] },
        ['answer.spans[0].label'],
      ],
      [
        'an unknown span field',
        { spans: [{ ...span(0, 3), text: 'Ada' }] },
        ['answer.spans[0].text'],
      ],
      [
        'overlapping spans with the same label',
        { spans: [span(0, 5), span(3, 7)] },
        ['answer.spans[1]'],
      ],
      [
        'overlapping spans with different labels',
        { spans: [span(15, 20, 'LOC'), span(0, 3), span(14, 16)] },
        ['answer.spans[0]'],
      ],
      [
        'a nested span',
        { spans: [span(0, 11), span(8, 11)] },
        ['answer.spans[1]'],
      ],
      [
        'the same span twice',
        { spans: [span(0, 3), span(0, 3)] },
        ['answer.spans[1]'],
      ],
      [
        'every overlap, plus a bad span',
        { spans: [span(0, 10), span(2, 4), span(5, 6), span(0, 99)] },
        ['answer.spans[3].end', 'answer.spans[1]', 'answer.spans[2]'],
      ],
      [
        'too many spans',
        {
          spans: Array.from({ length: TASK_LIMITS.maxSpans + 1 }, () =>
            span(0, 1),
          ),
        },
        ['answer.spans'],
      ],
    ]);
    it('names the span an overlap collides with', () => {
      expect(
        problemMessages(
          validateAnswer('ner', schema, item, {
            spans: [span(8, 11), span(0, 3), span(9, 14, 'LOC')],
          }),
        ),
      ).toEqual([
        'answer.spans[2] overlaps answer.spans[0] ([8, 11) PER); spans may not overlap, even with different labels',
      ]);
    });

    describe('offsets are UTF-16 code units, as in JavaScript strings', () => {
      // 🍕 and 😀 are 2 code units each; 👩‍👩‍👧 is 8 (three emoji joined by two ZWJ); ü is 1.
      const emojiText = 'I ❤️ 🍕 in Zürich with 👩‍👩‍👧 😀';
      const at = (needle: string) => {
        const start = emojiText.indexOf(needle);
        return { start, end: start + needle.length };
      };
      const emojiItem = { text: emojiText };

      it('accepts spans located with indexOf and checks them with slice', () => {
        const city = at('Zürich');
        const pizza = at('🍕');
        const family = at('👩‍👩‍👧');
        const smile = at('😀');
        const answer = {
          spans: [
            { ...city, label: 'LOC' },
            { ...pizza, label: 'PER' },
            { ...family, label: 'PER' },
            { ...smile, label: 'PER' },
          ],
        };
        expect(validateAnswer('ner', schema, emojiItem, answer)).toEqual({
          ok: true,
          answer,
        });
        expect(emojiText.slice(city.start, city.end)).toBe('Zürich');
        expect(pizza.end - pizza.start).toBe(2);
        expect(smile.end).toBe(emojiText.length);
      });

      it('accepts end = text.length counted in UTF-16, which is longer than the code point count', () => {
        expect([...emojiText].length).toBeLessThan(emojiText.length);
        expect(
          validateAnswer('ner', schema, emojiItem, {
            spans: [{ start: 0, end: emojiText.length, label: 'PER' }],
          }).ok,
        ).toBe(true);
      });

      it('rejects an offset that splits a surrogate pair', () => {
        const pizza = at('🍕');
        expect(
          problemPaths(
            validateAnswer('ner', schema, emojiItem, {
              spans: [
                { start: pizza.start, end: pizza.start + 1, label: 'PER' },
              ],
            }),
          ),
        ).toEqual(['answer.spans[0].end']);
        expect(
          problemPaths(
            validateAnswer('ner', schema, emojiItem, {
              spans: [{ start: pizza.start + 1, end: pizza.end, label: 'PER' }],
            }),
          ),
        ).toEqual(['answer.spans[0].start']);
        expect(
          problemMessages(
            validateAnswer(
              'ner',
              schema,
              { text: '😀' },
              { spans: [{ start: 0, end: 1, label: 'PER' }] },
            ),
          )[0],
        ).toContain('😀 is 2');
      });

      it('rejects an end one past the UTF-16 length', () => {
        expect(
          problemPaths(
            validateAnswer(
              'ner',
              schema,
              { text: '😀' },
              { spans: [{ start: 0, end: 3, label: 'PER' }] },
            ),
          ),
        ).toEqual(['answer.spans[0].end']);
        expect(
          validateAnswer(
            'ner',
            schema,
            { text: '😀' },
            { spans: [{ start: 0, end: 2, label: 'PER' }] },
          ).ok,
        ).toBe(true);
      });
    });
  });

  describe('bbox', () => {
    const schema = { labels: ['car', 'person'] };
    const item = {
      imageUrl: 'https://example.com/street.jpg',
      width: 640,
      height: 480,
    };
    const box = (
      x: number,
      y: number,
      w: number,
      h: number,
      label = 'car',
    ) => ({ x, y, w, h, label });
    accepts('bbox', schema, item, [
      ['no boxes', { boxes: [] }],
      ['a box', { boxes: [box(10, 20, 100, 50)] }],
      [
        'overlapping boxes (normal in detection)',
        { boxes: [box(10, 20, 100, 50), box(50, 40, 100, 50, 'person')] },
      ],
      [
        'a box touching the bottom-right corner',
        { boxes: [box(540, 380, 100, 100)] },
      ],
      ['sub-pixel coordinates', { boxes: [box(0.1, 0.25, 639.9, 479.75)] }],
      ['the whole image', { boxes: [box(0, 0, 640, 480, 'person')] }],
    ]);
    rejects('bbox', schema, item, [
      ['a missing boxes field', {}, ['answer.boxes']],
      ['boxes as an object', { boxes: box(0, 0, 1, 1) }, ['answer.boxes']],
      ['zero width', { boxes: [box(0, 0, 0, 10)] }, ['answer.boxes[0].w']],
      [
        'negative height',
        { boxes: [box(0, 0, 10, -1)] },
        ['answer.boxes[0].h'],
      ],
      ['negative x', { boxes: [box(-1, 0, 10, 10)] }, ['answer.boxes[0].x']],
      ['NaN y', { boxes: [box(0, NaN, 10, 10)] }, ['answer.boxes[0].y']],
      [
        'infinite w',
        { boxes: [box(0, 0, Infinity, 10)] },
        ['answer.boxes[0].w'],
      ],
      [
        'a string x',
        { boxes: [{ ...box(0, 0, 10, 10), x: '0' }] },
        ['answer.boxes[0].x'],
      ],
      [
        'x at the right edge',
        { boxes: [box(640, 0, 10, 10)] },
        ['answer.boxes[0].x'],
      ],
      [
        'a box past the right edge',
        { boxes: [box(600, 0, 50, 10)] },
        ['answer.boxes[0].w'],
      ],
      [
        'a box past the bottom edge',
        { boxes: [box(0, 400, 10, 81)] },
        ['answer.boxes[0].h'],
      ],
      [
        'a label not in the schema',
        { boxes: [box(0, 0, 10, 10, 'bus')] },
        ['answer.boxes[0].label'],
      ],
      [
        'an unknown box field',
        { boxes: [{ ...box(0, 0, 10, 10), score: 0.9 }] },
        ['answer.boxes[0].score'],
      ],
      [
        'x1/y1/x2/y2 instead of x/y/w/h',
        { boxes: [{ x1: 0, y1: 0, x2: 10, y2: 10, label: 'car' }] },
        [
          'answer.boxes[0].x1',
          'answer.boxes[0].y1',
          'answer.boxes[0].x2',
          'answer.boxes[0].y2',
          'answer.boxes[0].x',
          'answer.boxes[0].y',
          'answer.boxes[0].w',
          'answer.boxes[0].h',
        ],
      ],
      [
        'the same box twice',
        { boxes: [box(1, 2, 3, 4), box(1, 2, 3, 4)] },
        ['answer.boxes[1]'],
      ],
      [
        'too many boxes',
        {
          boxes: Array.from({ length: TASK_LIMITS.maxBoxes + 1 }, (_, i) =>
            box(i % 600, 0, 1, 1),
          ),
        },
        ['answer.boxes'],
      ],
    ]);
    it('bounds boxes by the maximum image size when the item has no size', () => {
      const noSize = { imageUrl: 'https://example.com/a.jpg' };
      expect(
        validateAnswer('bbox', schema, noSize, {
          boxes: [box(5000, 5000, 100, 100)],
        }).ok,
      ).toBe(true);
      expect(
        problemPaths(
          validateAnswer('bbox', schema, noSize, {
            boxes: [box(TASK_LIMITS.maxImageDimension, 0, 1, 1)],
          }),
        ),
      ).toEqual(['answer.boxes[0].x']);
      // Only the given dimension is enforced.
      const widthOnly = { imageUrl: 'https://example.com/a.jpg', width: 100 };
      expect(
        problemPaths(
          validateAnswer('bbox', schema, widthOnly, {
            boxes: [box(50, 5000, 60, 10)],
          }),
        ),
      ).toEqual(['answer.boxes[0].w']);
    });
    it('explains an edge overflow with the numbers', () => {
      expect(
        problemMessages(
          validateAnswer('bbox', schema, item, {
            boxes: [box(600, 0, 50, 10)],
          }),
        ),
      ).toEqual([
        'answer.boxes[0].w reaches past the image edge: x + w = 650, more than data.width (640)',
      ]);
    });
  });

  describe('pairwise_preference', () => {
    const item = { prompt: 'Say hi.', responses: ['Hi!', 'Hello there.'] };
    const noTies = {};
    const ties = { allowTie: true };
    const criteria = { criteria: ['helpfulness', 'honesty'] };
    const criteriaWithTies = {
      criteria: ['helpfulness', 'honesty'],
      allowTie: true,
    };

    describe('without criteria or ties', () => {
      accepts('pairwise_preference', noTies, item, [
        ['a choice', { choice: 'a' }],
        [
          'every optional field',
          { choice: 'b', strength: 3, rationale: 'B is warmer.' },
        ],
        ['an empty rationale', { choice: 'a', rationale: '' }],
        [
          'the longest rationale',
          { choice: 'a', rationale: chars(TASK_LIMITS.maxRationaleLength) },
        ],
      ]);
      rejects('pairwise_preference', noTies, item, [
        [
          'a tie when ties are not allowed',
          { choice: 'tie' },
          ['answer.choice'],
        ],
        ['an upper-case choice', { choice: 'A' }, ['answer.choice']],
        ['a response index as choice', { choice: 0 }, ['answer.choice']],
        ['a missing choice', { strength: 2 }, ['answer.choice']],
        ['strength 0', { choice: 'a', strength: 0 }, ['answer.strength']],
        ['strength 4', { choice: 'a', strength: 4 }, ['answer.strength']],
        [
          'a fractional strength',
          { choice: 'a', strength: 2.5 },
          ['answer.strength'],
        ],
        [
          'a string strength',
          { choice: 'a', strength: '2' },
          ['answer.strength'],
        ],
        [
          'criteria when the job has none',
          { choice: 'a', criteria: { helpfulness: 'a' } },
          ['answer.criteria'],
        ],
        [
          'a rationale over the limit',
          { choice: 'a', rationale: chars(TASK_LIMITS.maxRationaleLength + 1) },
          ['answer.rationale'],
        ],
        [
          'a numeric rationale',
          { choice: 'a', rationale: 5 },
          ['answer.rationale'],
        ],
        [
          'an unknown field',
          { choice: 'a', preferred: 'a' },
          ['answer.preferred'],
        ],
      ]);
      it('explains why a tie is refused', () => {
        expect(
          problemMessages(
            validateAnswer('pairwise_preference', noTies, item, {
              choice: 'tie',
            }),
          ),
        ).toEqual([
          'answer.choice must be "a" or "b": this job does not allow ties (schema.allowTie is not true)',
        ]);
      });
    });

    describe('with ties allowed', () => {
      accepts('pairwise_preference', ties, item, [
        ['a tie', { choice: 'tie' }],
        ['a tie with a rationale', { choice: 'tie', rationale: 'Both fine.' }],
        ['a strong preference', { choice: 'a', strength: 3 }],
      ]);
      rejects('pairwise_preference', ties, item, [
        [
          'a tie with a strength',
          { choice: 'tie', strength: 1 },
          ['answer.strength'],
        ],
        ['an unknown choice', { choice: 'both' }, ['answer.choice']],
      ]);
    });

    describe('with criteria (every criterion is required)', () => {
      accepts('pairwise_preference', criteria, item, [
        [
          'every criterion',
          { choice: 'a', criteria: { helpfulness: 'a', honesty: 'b' } },
        ],
        [
          'criteria in another order',
          {
            choice: 'b',
            strength: 1,
            criteria: { honesty: 'b', helpfulness: 'b' },
          },
        ],
      ]);
      rejects('pairwise_preference', criteria, item, [
        ['missing criteria', { choice: 'a' }, ['answer.criteria']],
        [
          'a missing criterion',
          { choice: 'a', criteria: { helpfulness: 'a' } },
          ['answer.criteria.honesty'],
        ],
        [
          'an unknown criterion',
          {
            choice: 'a',
            criteria: { helpfulness: 'a', honesty: 'a', creativity: 'b' },
          },
          ['answer.criteria.creativity'],
        ],
        [
          'a per-criterion tie without allowTie',
          { choice: 'a', criteria: { helpfulness: 'a', honesty: 'tie' } },
          ['answer.criteria.honesty'],
        ],
        [
          'a bad per-criterion value',
          { choice: 'a', criteria: { helpfulness: 'c', honesty: null } },
          ['answer.criteria.helpfulness', 'answer.criteria.honesty'],
        ],
        [
          'criteria as an array',
          { choice: 'a', criteria: ['a', 'b'] },
          ['answer.criteria'],
        ],
      ]);
    });

    describe('with criteria and ties', () => {
      accepts('pairwise_preference', criteriaWithTies, item, [
        [
          'ties overall and per criterion',
          { choice: 'tie', criteria: { helpfulness: 'tie', honesty: 'a' } },
        ],
      ]);
      rejects('pairwise_preference', criteriaWithTies, item, [
        [
          'a criterion spelled differently',
          { choice: 'a', criteria: { Helpfulness: 'a', honesty: 'a' } },
          ['answer.criteria.Helpfulness', 'answer.criteria.helpfulness'],
        ],
      ]);
    });
  });

  describe('ranking', () => {
    const schema = { criteria: ['helpfulness'] };
    const item = {
      prompt: 'Name a cat.',
      responses: ['Tom', 'Felix', 'Garfield', 'Salem'],
    };

    /** Every ordering of 0..k-1 (Heap's algorithm, iterative). */
    function permutations(k: number): number[][] {
      const a = Array.from({ length: k }, (_, i) => i);
      const c = new Array<number>(k).fill(0);
      const out = [[...a]];
      let i = 1;
      while (i < k) {
        if (c[i] < i) {
          const j = i % 2 === 0 ? 0 : c[i];
          [a[j], a[i]] = [a[i], a[j]];
          out.push([...a]);
          c[i]++;
          i = 1;
        } else {
          c[i] = 0;
          i++;
        }
      }
      return out;
    }

    it('accepts all 24 permutations of 4 responses', () => {
      const all = permutations(4);
      expect(new Set(all.map((o) => o.join())).size).toBe(24);
      for (const order of all)
        expect(validateAnswer('ranking', schema, item, { order })).toEqual({
          ok: true,
          answer: { order },
        });
    });

    it('accepts both orders of 2 responses and rankings of 20', () => {
      const two = { prompt: 'p', responses: ['x', 'y'] };
      expect(validateAnswer('ranking', {}, two, { order: [1, 0] }).ok).toBe(
        true,
      );
      expect(validateAnswer('ranking', {}, two, { order: [0, 1] }).ok).toBe(
        true,
      );
      const twenty = {
        prompt: 'p',
        responses: Array.from({ length: 20 }, (_, i) => `r${i}`),
      };
      const reversed = Array.from({ length: 20 }, (_, i) => 19 - i);
      expect(
        validateAnswer('ranking', {}, twenty, { order: reversed }).ok,
      ).toBe(true);
    });

    rejects('ranking', schema, item, [
      ['a missing response', { order: [0, 1, 2] }, ['answer.order']],
      [
        'a repeated response',
        { order: [0, 1, 2, 2] },
        ['answer.order[3]', 'answer.order'],
      ],
      [
        'an index out of range',
        { order: [0, 1, 2, 4] },
        ['answer.order[3]', 'answer.order'],
      ],
      [
        'a negative index',
        { order: [-1, 1, 2, 3] },
        ['answer.order[0]', 'answer.order'],
      ],
      [
        '1-based indexes',
        { order: [1, 2, 3, 4] },
        ['answer.order[3]', 'answer.order'],
      ],
      [
        'a fractional index',
        { order: [0, 1, 2, 2.5] },
        ['answer.order[3]', 'answer.order'],
      ],
      [
        'a string index',
        { order: [0, 1, 2, '3'] },
        ['answer.order[3]', 'answer.order'],
      ],
      [
        'an extra entry',
        { order: [0, 1, 2, 3, 0] },
        ['answer.order', 'answer.order[4]'],
      ],
      ['an empty order', { order: [] }, ['answer.order']],
      ['order as a string', { order: '0123' }, ['answer.order']],
      [
        'a huge order',
        { order: Array.from({ length: 10_000 }, (_, i) => i) },
        ['answer.order'],
      ],
      [
        'scores instead of an order',
        { scores: [3, 1, 2, 0] },
        ['answer.scores', 'answer.order'],
      ],
      [
        'per-criterion orders',
        { order: [0, 1, 2, 3], criteria: { helpfulness: [0, 1, 2, 3] } },
        ['answer.criteria'],
      ],
    ]);

    it('names the missing responses', () => {
      expect(
        problemMessages(
          validateAnswer('ranking', schema, item, { order: [3, 1] }),
        ),
      ).toEqual([
        'answer.order must rank every response (a permutation of the response indexes 0..3, best first); missing 0, 2',
      ]);
    });
  });

  describe('rating', () => {
    const schema = {
      criteria: ['helpfulness', 'factual accuracy'],
      scale: { min: 1, max: 5 },
    };
    const item = { prompt: 'p', response: 'r' };
    accepts('rating', schema, item, [
      [
        'the lowest scores',
        { scores: { helpfulness: 1, 'factual accuracy': 1 } },
      ],
      [
        'the highest scores, keys in another order',
        { scores: { 'factual accuracy': 5, helpfulness: 5 } },
      ],
    ]);
    rejects('rating', schema, item, [
      [
        'a score below the scale',
        { scores: { helpfulness: 0, 'factual accuracy': 3 } },
        ['answer.scores.helpfulness'],
      ],
      [
        'a score above the scale',
        { scores: { helpfulness: 3, 'factual accuracy': 6 } },
        ['answer.scores["factual accuracy"]'],
      ],
      [
        'a fractional score',
        { scores: { helpfulness: 3.5, 'factual accuracy': 3 } },
        ['answer.scores.helpfulness'],
      ],
      [
        'a string score',
        { scores: { helpfulness: '3', 'factual accuracy': 3 } },
        ['answer.scores.helpfulness'],
      ],
      [
        'a null score',
        { scores: { helpfulness: null, 'factual accuracy': 3 } },
        ['answer.scores.helpfulness'],
      ],
      [
        'a missing criterion',
        { scores: { helpfulness: 3 } },
        ['answer.scores["factual accuracy"]'],
      ],
      [
        'an unknown criterion',
        { scores: { helpfulness: 3, 'factual accuracy': 3, honesty: 4 } },
        ['answer.scores.honesty'],
      ],
      ['scores as an array', { scores: [3, 3] }, ['answer.scores']],
      ['missing scores', {}, ['answer.scores']],
      [
        'a single score instead of scores',
        { score: 3 },
        ['answer.score', 'answer.scores'],
      ],
    ]);
    it('uses the scale in the message', () => {
      expect(
        problemMessages(
          validateAnswer('rating', schema, item, {
            scores: { helpfulness: 0, 'factual accuracy': 3 },
          }),
        ),
      ).toEqual(['answer.scores.helpfulness must be at least 1, got 0']);
      expect(
        problemMessages(
          validateAnswer('rating', schema, item, {
            scores: { helpfulness: 3 },
          }),
        ),
      ).toEqual([
        'answer.scores["factual accuracy"] is required (an integer from 1 to 5); every criterion must be answered',
      ]);
    });
    it('handles negative scales and never reads inherited properties as scores', () => {
      expect(
        validateAnswer(
          'rating',
          { criteria: ['a'], scale: { min: -2, max: 2 } },
          item,
          { scores: { a: -2 } },
        ).ok,
      ).toBe(true);
      const inherited = {
        criteria: ['constructor', 'toString'],
        scale: { min: 1, max: 5 },
      };
      expect(
        problemPaths(validateAnswer('rating', inherited, item, { scores: {} })),
      ).toEqual(['answer.scores.constructor', 'answer.scores.toString']);
      expect(
        validateAnswer('rating', inherited, item, {
          scores: { constructor: 1, toString: 2 },
        }),
      ).toEqual({
        ok: true,
        answer: { scores: { constructor: 1, toString: 2 } },
      });
    });
  });

  describe('response_writing', () => {
    const schema = { minLength: 10, maxLength: 50 };
    const item = { prompt: 'Write something.' };
    accepts('response_writing', schema, item, [
      ['exactly minLength', { text: chars(10) }],
      ['exactly maxLength', { text: chars(50) }],
      [
        'whitespace around text within bounds (bounds apply to the trimmed text)',
        { text: `\n  ${chars(50)}  \n` },
      ],
      ['multi-line text', { text: 'Line one.\nLine two.' }],
    ]);
    rejects('response_writing', schema, item, [
      ['an empty text', { text: '' }, ['answer.text']],
      ['a blank text', { text: '   \n ' }, ['answer.text']],
      ['a text below minLength', { text: chars(9) }, ['answer.text']],
      [
        'a text that is long enough only with its padding',
        { text: `  ${chars(9)}  ` },
        ['answer.text'],
      ],
      ['a text above maxLength', { text: chars(51) }, ['answer.text']],
      ['a numeric text', { text: 12345678901 }, ['answer.text']],
      ['a missing text', {}, ['answer.text']],
      ['an unknown field', { text: chars(20), title: 'T' }, ['answer.title']],
    ]);
    it('without bounds needs a non-blank text up to the text limit', () => {
      expect(
        validateAnswer('response_writing', {}, item, { text: 'ok' }).ok,
      ).toBe(true);
      expect(
        problemPaths(
          validateAnswer('response_writing', {}, item, { text: ' ' }),
        ),
      ).toEqual(['answer.text']);
      expect(
        problemPaths(
          validateAnswer('response_writing', {}, item, {
            text: chars(TASK_LIMITS.maxTextLength + 1),
          }),
        ),
      ).toEqual(['answer.text']);
      expect(
        problemMessages(
          validateAnswer('response_writing', schema, item, { text: chars(9) }),
        ),
      ).toEqual([
        'answer.text must be at least 10 characters long (trimmed, UTF-16 code units), got 9',
      ]);
    });
  });

  describe('the item the answer refers to', () => {
    it('is validated first, with problems under data', () => {
      expect(
        problemPaths(
          validateAnswer(
            'ner',
            { labels: ['PER'] },
            { text: '' },
            { spans: [] },
          ),
        ),
      ).toEqual(['data.text']);
      expect(
        problemPaths(
          validateAnswer(
            'ranking',
            {},
            { prompt: 'p', responses: ['only one'] },
            { order: [0] },
          ),
        ),
      ).toEqual(['data.responses']);
      expect(
        problemPaths(
          validateAnswer('bbox', { labels: ['car'] }, null, { boxes: [] }),
        ),
      ).toEqual(['data']);
    });
    it('and the schema before it, with problems under schema', () => {
      expect(
        problemPaths(
          validateAnswer(
            'classification',
            { labels: ['a', 'a'] },
            { text: 't' },
            { label: 'a' },
          ),
        ),
      ).toEqual(['schema.labels[1]']);
    });
  });
});
