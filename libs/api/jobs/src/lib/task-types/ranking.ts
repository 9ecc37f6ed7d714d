import type { TaskSchemas } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { at, expected, index, own } from './problems';
import {
  readInteger,
  readItemText,
  readObject,
  readOptionalCriteria,
  readResponses,
} from './readers';
import type { TaskTypeDefinition } from './task-type-definition';

export const ranking: TaskTypeDefinition<'ranking'> = {
  description:
    'Annotators order two to twenty responses to a prompt from best to worst.',
  example: {
    schema: { criteria: ['helpfulness', 'creativity'] },
    item: {
      prompt: 'Suggest a name for a grey cat.',
      responses: ['Whiskers', 'Cat', 'Sir Pounce-a-lot'],
    },
    answer: { order: [2, 0, 1] },
  },

  // Criteria here are guidance shown to annotators: a ranking answer is one order, not one per criterion.
  schema(p, path, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['criteria'],
      'an object { criteria? }',
    );
    if (!o) return undefined;
    const { criteria } = readOptionalCriteria(
      p,
      at(path, 'criteria'),
      own(o, 'criteria'),
    );
    if (p.count > start) return undefined;
    const schema: TaskSchemas['ranking'] = {};
    if (criteria !== undefined) schema.criteria = criteria;
    return schema;
  },

  item(p, path, _schema, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['prompt', 'responses'],
      'an object { prompt, responses: [...] }',
    );
    if (!o) return undefined;
    const prompt = readItemText(p, at(path, 'prompt'), own(o, 'prompt'));
    const responses = readResponses(
      p,
      at(path, 'responses'),
      own(o, 'responses'),
      TASK_LIMITS.minRankingResponses,
      TASK_LIMITS.maxRankingResponses,
    );
    if (prompt === undefined || responses === undefined || p.count > start)
      return undefined;
    return { prompt, responses };
  },

  answer(p, path, _schema, item, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['order'],
      'an object { order: [...] }',
    );
    if (!o) return undefined;
    const k = item.responses.length;
    const orderPath = at(path, 'order');
    const permutation = `a permutation of the response indexes 0..${k - 1}, best first`;
    const raw = own(o, 'order');
    if (!Array.isArray(raw)) {
      expected(p, orderPath, raw, permutation);
      return undefined;
    }
    if (raw.length > k) {
      // Longer than K always means a repeat or a stray index; list them when the array is small.
      p.add(
        orderPath,
        `must have exactly ${k} entries (${permutation}), got ${raw.length}`,
      );
      if (raw.length > TASK_LIMITS.maxRankingResponses * 2) return undefined;
    }
    const firstSeen = new Map<number, number>();
    const order: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      const r = readInteger(p, index(orderPath, i), raw[i], {
        what: `a response index from 0 to ${k - 1}`,
        min: 0,
        max: k - 1,
      });
      if (r === undefined) continue;
      const first = firstSeen.get(r);
      if (first !== undefined) {
        p.add(
          index(orderPath, i),
          `repeats response ${r} (already at ${index(orderPath, first)}); each response is ranked exactly once`,
        );
        continue;
      }
      firstSeen.set(r, i);
      order.push(r);
    }
    const missing: number[] = [];
    for (let r = 0; r < k; r++) if (!firstSeen.has(r)) missing.push(r);
    if (missing.length > 0)
      p.add(
        orderPath,
        `must rank every response (${permutation}); missing ${missing.join(', ')}`,
      );
    return p.count === start ? { order } : undefined;
  },
};
