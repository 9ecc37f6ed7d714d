import type { TaskAnswers, TaskSchemas } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { at, describe, own, type Problems } from './problems';
import {
  readBoolean,
  readCriterionRecord,
  readInteger,
  readItemText,
  readObject,
  readOptionalCriteria,
  readResponses,
  readString,
} from './readers';
import type { TaskTypeDefinition } from './task-type-definition';

type Choice = TaskAnswers['pairwise_preference']['choice'];
type Strength = NonNullable<TaskAnswers['pairwise_preference']['strength']>;

/** "tie" only when the job allows it, both for the overall choice and for each criterion. */
function readChoice(
  p: Problems,
  path: string,
  v: unknown,
  allowTie: boolean,
): Choice | undefined {
  if (v === 'a' || v === 'b') return v;
  if (v === 'tie' && allowTie) return v;
  if (v === 'tie')
    p.add(
      path,
      'must be "a" or "b": this job does not allow ties (schema.allowTie is not true)',
    );
  else
    p.add(
      path,
      v === undefined
        ? `is required (${allowTie ? '"a", "b" or "tie"' : '"a" or "b"'})`
        : `must be ${allowTie ? '"a", "b" or "tie"' : '"a" or "b"'}, got ${describe(v)}`,
    );
  return undefined;
}

export const pairwisePreference: TaskTypeDefinition<'pairwise_preference'> = {
  description:
    'Annotators compare two responses to a prompt and say which is better (or a tie, when allowed), how strongly, per criterion, and why.',
  example: {
    schema: { criteria: ['helpfulness', 'harmlessness'], allowTie: true },
    item: {
      prompt: 'Explain what a hash map is in one sentence.',
      responses: [
        'A hash map stores key-value pairs and finds a value quickly by hashing its key.',
        'It is a kind of map.',
      ],
    },
    answer: {
      choice: 'a',
      strength: 2,
      criteria: { helpfulness: 'a', harmlessness: 'tie' },
      rationale: 'A is accurate and complete; both are harmless.',
    },
  },

  schema(p, path, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['criteria', 'allowTie'],
      'an object { criteria?, allowTie? }',
    );
    if (!o) return undefined;
    const { criteria } = readOptionalCriteria(
      p,
      at(path, 'criteria'),
      own(o, 'criteria'),
    );
    const rawAllowTie = own(o, 'allowTie');
    const allowTie =
      rawAllowTie === undefined
        ? undefined
        : readBoolean(p, at(path, 'allowTie'), rawAllowTie);
    if (p.count > start) return undefined;
    const schema: TaskSchemas['pairwise_preference'] = {};
    if (criteria !== undefined) schema.criteria = criteria;
    if (allowTie !== undefined) schema.allowTie = allowTie;
    return schema;
  },

  item(p, path, _schema, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['prompt', 'responses'],
      'an object { prompt, responses: [a, b] }',
    );
    if (!o) return undefined;
    const prompt = readItemText(p, at(path, 'prompt'), own(o, 'prompt'));
    const responses = readResponses(
      p,
      at(path, 'responses'),
      own(o, 'responses'),
      2,
      2,
    );
    if (prompt === undefined || responses === undefined || p.count > start)
      return undefined;
    return { prompt, responses: [responses[0], responses[1]] };
  },

  answer(p, path, schema, _item, value) {
    const start = p.count;
    const allowTie = schema.allowTie === true;
    const o = readObject(
      p,
      path,
      value,
      ['choice', 'strength', 'criteria', 'rationale'],
      'an object { choice, strength?, criteria?, rationale? }',
    );
    if (!o) return undefined;
    const choice = readChoice(
      p,
      at(path, 'choice'),
      own(o, 'choice'),
      allowTie,
    );

    const rawStrength = own(o, 'strength');
    let strength: Strength | undefined;
    if (rawStrength !== undefined) {
      const s = readInteger(p, at(path, 'strength'), rawStrength, {
        what: '1, 2 or 3 (how strongly the chosen response is preferred)',
        min: 1,
        max: 3,
      });
      // Strength grades how much better the chosen response is; a tie has nothing to grade.
      if (s !== undefined && choice === 'tie')
        p.add(at(path, 'strength'), 'must be omitted when choice is "tie"');
      else if (s === 1 || s === 2 || s === 3) strength = s;
    }

    const rawCriteria = own(o, 'criteria');
    let criteria: Record<string, Choice> | undefined;
    if (schema.criteria === undefined) {
      if (rawCriteria !== undefined)
        p.add(
          at(path, 'criteria'),
          'is not allowed: this job defines no criteria (schema.criteria)',
        );
    } else {
      // Every defined criterion is required: per-criterion preference shares need an answer from everyone.
      criteria = readCriterionRecord(
        p,
        at(path, 'criteria'),
        rawCriteria,
        schema.criteria,
        allowTie ? '"a", "b" or "tie"' : '"a" or "b"',
        (cp, v) => readChoice(p, cp, v, allowTie),
      );
    }

    const rawRationale = own(o, 'rationale');
    const rationale =
      rawRationale === undefined
        ? undefined
        : readString(p, at(path, 'rationale'), rawRationale, {
            what: 'a string (or omit the field)',
            maxLength: TASK_LIMITS.maxRationaleLength,
          });

    if (choice === undefined || p.count > start) return undefined;
    const answer: TaskAnswers['pairwise_preference'] = { choice };
    if (strength !== undefined) answer.strength = strength;
    if (criteria !== undefined) answer.criteria = criteria;
    if (rationale !== undefined) answer.rationale = rationale;
    return answer;
  },
};
