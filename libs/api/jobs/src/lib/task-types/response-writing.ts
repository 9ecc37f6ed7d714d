import type { TaskSchemas } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { at, own } from './problems';
import { readInteger, readItemText, readObject, readString } from './readers';
import type { TaskTypeDefinition } from './task-type-definition';

export const responseWriting: TaskTypeDefinition<'response_writing'> = {
  description:
    'Annotators write a response to a prompt (supervised fine-tuning data), within the length bounds the job sets.',
  example: {
    schema: { minLength: 20, maxLength: 2000 },
    item: {
      prompt:
        'Write a friendly two-sentence welcome message for new users of a budgeting app.',
    },
    answer: {
      text: 'Welcome aboard! We are glad to help you take control of your money, one budget at a time.',
    },
  },

  schema(p, path, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['minLength', 'maxLength'],
      'an object { minLength?, maxLength? }',
    );
    if (!o) return undefined;
    const rawMin = own(o, 'minLength');
    const rawMax = own(o, 'maxLength');
    const minLength =
      rawMin === undefined
        ? undefined
        : readInteger(p, at(path, 'minLength'), rawMin, {
            what: 'a non-negative integer (or omit the field)',
            min: 0,
            max: TASK_LIMITS.maxTextLength,
          });
    // 0 would accept no answer at all, since a written answer is never blank.
    const maxLength =
      rawMax === undefined
        ? undefined
        : readInteger(p, at(path, 'maxLength'), rawMax, {
            what: 'a positive integer (or omit the field)',
            min: 1,
            max: TASK_LIMITS.maxTextLength,
          });
    if (
      minLength !== undefined &&
      maxLength !== undefined &&
      minLength > maxLength
    ) {
      p.add(
        at(path, 'minLength'),
        `must be at most maxLength (${maxLength}), got ${minLength}`,
      );
    }
    if (p.count > start) return undefined;
    const schema: TaskSchemas['response_writing'] = {};
    if (minLength !== undefined) schema.minLength = minLength;
    if (maxLength !== undefined) schema.maxLength = maxLength;
    return schema;
  },

  item(p, path, _schema, value) {
    const start = p.count;
    const o = readObject(p, path, value, ['prompt'], 'an object { prompt }');
    if (!o) return undefined;
    const prompt = readItemText(p, at(path, 'prompt'), own(o, 'prompt'));
    if (prompt === undefined || p.count > start) return undefined;
    return { prompt };
  },

  /** Bounds apply to the trimmed text (stray newlines are not content); the text is stored as written. */
  answer(p, path, schema, _item, value) {
    const start = p.count;
    const o = readObject(p, path, value, ['text'], 'an object { text }');
    if (!o) return undefined;
    const textPath = at(path, 'text');
    const text = readString(p, textPath, own(o, 'text'), {
      what: 'a non-empty string',
      maxLength: TASK_LIMITS.maxWrittenTextLength,
      nonBlank: true,
    });
    if (text !== undefined) {
      const length = text.trim().length;
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? TASK_LIMITS.maxTextLength;
      if (length < min)
        p.add(
          textPath,
          `must be at least ${min} characters long (trimmed, UTF-16 code units), got ${length}`,
        );
      if (length > max)
        p.add(
          textPath,
          `must be at most ${max} characters long (trimmed, UTF-16 code units), got ${length}`,
        );
    }
    if (text === undefined || p.count > start) return undefined;
    return { text };
  },
};
