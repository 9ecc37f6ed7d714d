/**
 * Shared by the dataset specs: reading the bundled files and structural checks of items and
 * answers against the contract shapes (API.md "Task types"). Not exported from index.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskType } from '@quorum/contracts';
import type { ConvertedDataset, DatasetItem } from './dataset.types';
import { DATASET_FILES } from './dataset-files';

export function readDataFile(file: keyof typeof DATASET_FILES): string {
  return readFileSync(
    join(__dirname, 'data', DATASET_FILES[file].fileName),
    'utf8',
  );
}

const nonEmpty = (value: unknown): boolean =>
  typeof value === 'string' && value.trim() !== '';
const isPermutation = (order: unknown, length: number): boolean =>
  Array.isArray(order) &&
  order.length === length &&
  [...order]
    .sort((a: number, b: number) => a - b)
    .every((value, index) => value === index);

/** Every problem of one item against its job schema; [] when it is well-formed. */
export function contractProblems<T extends TaskType>(
  converted: ConvertedDataset<T>,
  item: DatasetItem<T>,
): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(`${item.externalId}: ${message}`);
  };
  const data = item.data as unknown as Record<string, unknown>;
  const answer = item.answer as unknown as Record<string, unknown> | undefined;
  const schema = converted.schema as unknown as Record<string, unknown>;
  const labels = (schema['labels'] ?? []) as string[];
  const keys = Object.keys(data).sort().join(',');
  check(nonEmpty(item.externalId), 'externalId must be a non-empty string');

  switch (converted.taskType) {
    case 'classification': {
      check(keys === 'text' && nonEmpty(data['text']), 'data must be { text }');
      check(
        answer !== undefined &&
          Object.keys(answer).join(',') === 'label' &&
          labels.includes(answer['label'] as string),
        'answer must be { label } from schema.labels',
      );
      break;
    }
    case 'ner': {
      const text = data['text'] as string;
      check(keys === 'text' && nonEmpty(text), 'data must be { text }');
      const spans = (answer?.['spans'] ?? null) as
        | { start: number; end: number; label: string }[]
        | null;
      check(Array.isArray(spans), 'answer must be { spans }');
      let previousEnd = 0;
      for (const span of spans ?? []) {
        check(
          Object.keys(span).sort().join(',') === 'end,label,start',
          'span must be { start, end, label }',
        );
        check(
          Number.isInteger(span.start) && Number.isInteger(span.end),
          'offsets must be integers',
        );
        check(
          span.start >= previousEnd &&
            span.start < span.end &&
            span.end <= text.length,
          `span ${span.start}..${span.end} out of order or range`,
        );
        check(
          labels.includes(span.label),
          `span label ${span.label} not in schema`,
        );
        const covered = text.slice(span.start, span.end);
        check(
          covered === covered.trim() && covered !== '',
          `span ${span.start}..${span.end} starts or ends on whitespace`,
        );
        previousEnd = span.end;
      }
      break;
    }
    case 'bbox': {
      check(
        ['height,imageUrl,width', 'imageUrl'].includes(keys),
        'data must be { imageUrl, width?, height? }',
      );
      check(
        /^https?:\/\/\S+$/.test(String(data['imageUrl'])),
        'imageUrl must be an http(s) URL',
      );
      const width = data['width'] as number | undefined;
      const height = data['height'] as number | undefined;
      const boxes = (answer?.['boxes'] ?? null) as
        | { x: number; y: number; w: number; h: number; label: string }[]
        | null;
      check(Array.isArray(boxes), 'answer must be { boxes }');
      for (const box of boxes ?? []) {
        check(
          Object.keys(box).sort().join(',') === 'h,label,w,x,y',
          'box must be { x, y, w, h, label }',
        );
        check(
          [box.x, box.y, box.w, box.h].every(Number.isFinite) &&
            box.w > 0 &&
            box.h > 0 &&
            box.x >= 0 &&
            box.y >= 0,
          'box must have a positive size',
        );
        check(
          width === undefined || box.x + box.w <= width + 1e-9,
          'box outside the image width',
        );
        check(
          height === undefined || box.y + box.h <= height + 1e-9,
          'box outside the image height',
        );
        check(
          labels.includes(box.label),
          `box label ${box.label} not in schema`,
        );
      }
      break;
    }
    case 'pairwise_preference': {
      const responses = data['responses'] as unknown[];
      check(
        keys === 'prompt,responses' && nonEmpty(data['prompt']),
        'data must be { prompt, responses }',
      );
      check(
        Array.isArray(responses) &&
          responses.length === 2 &&
          responses.every(nonEmpty) &&
          responses[0] !== responses[1],
        'responses must be two different non-empty strings',
      );
      const choices =
        schema['allowTie'] === true ? ['a', 'b', 'tie'] : ['a', 'b'];
      check(
        answer !== undefined && choices.includes(answer['choice'] as string),
        'answer.choice must be a, b (or tie)',
      );
      check(
        schema['criteria'] === undefined || answer?.['criteria'] !== undefined,
        'schema criteria need answer criteria',
      );
      break;
    }
    case 'ranking': {
      const responses = data['responses'] as unknown[];
      check(
        keys === 'prompt,responses' && nonEmpty(data['prompt']),
        'data must be { prompt, responses }',
      );
      check(
        Array.isArray(responses) &&
          responses.length >= 2 &&
          responses.length <= 20 &&
          responses.every(nonEmpty),
        'responses must be 2..20 non-empty strings',
      );
      check(
        answer !== undefined &&
          isPermutation(answer['order'], responses.length),
        'answer.order must be a permutation of response indexes',
      );
      break;
    }
    case 'response_writing': {
      check(
        keys === 'prompt' && nonEmpty(data['prompt']),
        'data must be { prompt }',
      );
      check(answer === undefined, 'prompts carry no answer');
      break;
    }
    case 'rating':
      problems.push('no rating converter');
      break;
  }
  return problems;
}

/** contractProblems over a whole conversion, plus unique externalIds. */
export function allContractProblems<T extends TaskType>(
  converted: ConvertedDataset<T>,
): string[] {
  const ids = converted.items.map((item) => item.externalId);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  return [
    ...duplicates.map((id) => `duplicate externalId ${id}`),
    ...converted.items.flatMap((item) => contractProblems(converted, item)),
  ];
}
