import type { TaskAnswers, TaskItemData } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { at, expected, index, own, quote } from './problems';
import {
  LABEL_RULE,
  readBoolean,
  readHttpUrl,
  readItemText,
  readLabelValue,
  readNameList,
  readObject,
} from './readers';
import type { TaskTypeDefinition } from './task-type-definition';

export const classification: TaskTypeDefinition<'classification'> = {
  description:
    'Annotators pick the label that fits a text or an image, or every label that fits when the job allows several.',
  example: {
    schema: { labels: ['positive', 'negative', 'neutral'] },
    item: { text: 'The battery lasts all day and the screen is gorgeous.' },
    answer: { label: 'positive' },
  },

  schema(p, path, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['labels', 'multiple'],
      'an object { labels, multiple? }',
    );
    if (!o) return undefined;
    const labels = readNameList(
      p,
      at(path, 'labels'),
      own(o, 'labels'),
      LABEL_RULE,
    );
    const rawMultiple = own(o, 'multiple');
    const multiple =
      rawMultiple === undefined
        ? undefined
        : readBoolean(p, at(path, 'multiple'), rawMultiple);
    if (labels === undefined || p.count > start) return undefined;
    return multiple === undefined ? { labels } : { labels, multiple };
  },

  item(p, path, _schema, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['text', 'imageUrl'],
      'an object { text } or { imageUrl }',
    );
    if (!o) return undefined;
    const rawText = own(o, 'text');
    const rawUrl = own(o, 'imageUrl');
    if (rawText !== undefined && rawUrl !== undefined)
      p.add(path, 'must have exactly one of text or imageUrl, not both');
    if (rawText === undefined && rawUrl === undefined)
      p.add(
        path,
        'must have text (a non-empty string) or imageUrl (an http(s) URL)',
      );
    const text =
      rawText === undefined
        ? undefined
        : readItemText(p, at(path, 'text'), rawText);
    const imageUrl =
      rawUrl === undefined
        ? undefined
        : readHttpUrl(p, at(path, 'imageUrl'), rawUrl);
    if (p.count > start) return undefined;
    const data: TaskItemData['classification'] | undefined =
      text !== undefined
        ? { text }
        : imageUrl !== undefined
          ? { imageUrl }
          : undefined;
    return data;
  },

  answer(p, path, schema, _item, value) {
    const start = p.count;
    const labelSet = new Set(schema.labels);
    // One canonical shape per schema: a multi-label job always answers with an array (possibly of one).
    if (schema.multiple === true) {
      const o = readObject(
        p,
        path,
        value,
        ['labels'],
        'an object { labels: [...] }',
        {
          label:
            'is not used because schema.multiple is true; send labels: ["…"] instead',
        },
      );
      if (!o) return undefined;
      const labelsPath = at(path, 'labels');
      const raw = own(o, 'labels');
      if (!Array.isArray(raw)) {
        expected(p, labelsPath, raw, "a non-empty array of the job's labels");
        return undefined;
      }
      if (raw.length === 0)
        p.add(labelsPath, 'must contain at least one label');
      if (raw.length > TASK_LIMITS.maxLabels) {
        p.add(
          labelsPath,
          `must contain at most ${TASK_LIMITS.maxLabels} labels, got ${raw.length}`,
        );
        return undefined;
      }
      const firstSeen = new Map<string, number>();
      const labels: string[] = [];
      for (let i = 0; i < raw.length; i++) {
        const label = readLabelValue(
          p,
          index(labelsPath, i),
          raw[i],
          labelSet,
          schema.labels,
        );
        if (label === undefined) continue;
        const first = firstSeen.get(label);
        if (first !== undefined) {
          p.add(
            index(labelsPath, i),
            `repeats ${index(labelsPath, first)} (${quote(label)}); each label may appear once`,
          );
          continue;
        }
        firstSeen.set(label, i);
        labels.push(label);
      }
      if (p.count > start) return undefined;
      const answer: TaskAnswers['classification'] = { labels };
      return answer;
    }
    const o = readObject(p, path, value, ['label'], 'an object { label }', {
      labels:
        'is only allowed when schema.multiple is true; send label: "…" instead',
    });
    if (!o) return undefined;
    const label = readLabelValue(
      p,
      at(path, 'label'),
      own(o, 'label'),
      labelSet,
      schema.labels,
    );
    if (label === undefined || p.count > start) return undefined;
    return { label };
  },
};
