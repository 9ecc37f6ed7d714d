import { TASK_LIMITS } from './limits';
import { at, own } from './problems';
import {
  CRITERION_RULE,
  readCriterionRecord,
  readInteger,
  readItemText,
  readNameList,
  readObject,
} from './readers';
import type { TaskTypeDefinition } from './task-type-definition';

export const rating: TaskTypeDefinition<'rating'> = {
  description:
    "Annotators score one response to a prompt on each of the job's criteria, with a whole number on the job's scale.",
  example: {
    schema: {
      criteria: ['helpfulness', 'harmlessness', 'honesty'],
      scale: { min: 1, max: 5 },
    },
    item: {
      prompt: 'How do I boil an egg?',
      response:
        'Simmer it for 9 minutes, then cool it in cold water before peeling.',
    },
    answer: { scores: { helpfulness: 4, harmlessness: 5, honesty: 5 } },
  },

  schema(p, path, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['criteria', 'scale'],
      'an object { criteria, scale: { min, max } }',
    );
    if (!o) return undefined;
    const criteria = readNameList(
      p,
      at(path, 'criteria'),
      own(o, 'criteria'),
      CRITERION_RULE,
    );
    const scalePath = at(path, 'scale');
    const so = readObject(
      p,
      scalePath,
      own(o, 'scale'),
      ['min', 'max'],
      'an object { min, max } of integers',
    );
    let min: number | undefined;
    let max: number | undefined;
    if (so) {
      const bound = {
        what: 'an integer',
        min: -Number.MAX_SAFE_INTEGER,
        max: Number.MAX_SAFE_INTEGER,
      };
      min = readInteger(p, at(scalePath, 'min'), own(so, 'min'), bound);
      max = readInteger(p, at(scalePath, 'max'), own(so, 'max'), bound);
      if (min !== undefined && max !== undefined) {
        if (max <= min)
          p.add(
            at(scalePath, 'max'),
            `must be greater than scale.min (${min}), got ${max}`,
          );
        else if (max - min > TASK_LIMITS.maxScaleSteps)
          p.add(
            scalePath,
            `must span at most ${TASK_LIMITS.maxScaleSteps} steps (max - min), got ${max - min}`,
          );
      }
    }
    if (
      criteria === undefined ||
      min === undefined ||
      max === undefined ||
      p.count > start
    )
      return undefined;
    return { criteria, scale: { min, max } };
  },

  item(p, path, _schema, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['prompt', 'response'],
      'an object { prompt, response }',
    );
    if (!o) return undefined;
    const prompt = readItemText(p, at(path, 'prompt'), own(o, 'prompt'));
    const response = readItemText(p, at(path, 'response'), own(o, 'response'));
    if (prompt === undefined || response === undefined || p.count > start)
      return undefined;
    return { prompt, response };
  },

  answer(p, path, schema, _item, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['scores'],
      'an object { scores: { [criterion]: integer } }',
    );
    if (!o) return undefined;
    const { min, max } = schema.scale;
    const what = `an integer from ${min} to ${max}`;
    const scores = readCriterionRecord(
      p,
      at(path, 'scores'),
      own(o, 'scores'),
      schema.criteria,
      what,
      (sp, v) => readInteger(p, sp, v, { what, min, max }),
    );
    if (scores === undefined || p.count > start) return undefined;
    return { scores };
  },
};
