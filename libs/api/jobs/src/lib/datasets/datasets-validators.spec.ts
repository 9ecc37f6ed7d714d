import type { TaskType } from '@quorum/contracts';
import {
  createTaskValidator,
  formatProblems,
  validateTaskSchema,
} from '../task-types';
import { banking77ToClassification } from './banking77';
import { cocoToBbox } from './coco';
import type { ConvertedDataset } from './dataset.types';
import { readDataFile } from './datasets.test-helpers';
import { hhRlhfToPairwise } from './hh-rlhf';
import { oasstToPairwise, oasstToRanking, promptsFromOasst } from './oasst';
import { wnut17ToNer } from './wnut17';

/** Every schema, item and gold answer through the same validators the import and the API use. */
function problems<T extends TaskType>(
  converted: ConvertedDataset<T>,
): string[] {
  const schema = validateTaskSchema(converted.taskType, converted.schema);
  if (!schema.ok) return [`schema: ${formatProblems(schema.errors)}`];
  const created = createTaskValidator(converted.taskType, converted.schema);
  if (!created.ok) return [`validator: ${formatProblems(created.errors)}`];
  const { validator } = created;
  const out: string[] = [];
  for (const item of converted.items) {
    const data = validator.validateItemData(
      JSON.parse(JSON.stringify(item.data)),
    );
    if (!data.ok)
      out.push(`${item.externalId} data: ${formatProblems(data.errors)}`);
    if (item.answer === undefined) continue;
    const answer = validator.validateAnswer(
      item.data,
      JSON.parse(JSON.stringify(item.answer)),
    );
    if (!answer.ok)
      out.push(`${item.externalId} answer: ${formatProblems(answer.errors)}`);
  }
  return out;
}

describe('converted datasets pass the task-type validators', () => {
  const oasst = readDataFile('oasstTrees');
  const cases: [string, () => ConvertedDataset<TaskType>][] = [
    [
      'Banking77 → classification',
      () =>
        banking77ToClassification(
          readDataFile('banking77Test'),
          readDataFile('banking77Categories'),
        ),
    ],
    ['WNUT-17 → ner', () => wnut17ToNer(readDataFile('wnut17Test'))],
    ['OASST → ranking', () => oasstToRanking(oasst)],
    [
      'OASST → ranking with dialogue and every reply',
      () =>
        oasstToRanking(oasst, {
          context: 'dialogue',
          includeSynthetic: true,
          includeRedFlagged: true,
        }),
    ],
    ['OASST → pairwise_preference', () => oasstToPairwise(oasst)],
    ['OASST → response_writing', () => promptsFromOasst(oasst)],
    [
      'hh-rlhf → pairwise_preference',
      () => hhRlhfToPairwise(readDataFile('hhRlhfHarmlessTest')),
    ],
    ['COCO (mmdet) → bbox', () => cocoToBbox(readDataFile('cocoMmdetDummy'))],
    [
      'SAHI terrain → bbox',
      () =>
        cocoToBbox(readDataFile('sahiTerrain'), {
          baseUrl: 'https://static.quorum.local/terrain/',
        }),
    ],
  ];

  it.each(cases)('%s', (_name, convert) => {
    const converted = convert();
    expect(converted.items.length).toBeGreaterThan(0);
    expect(problems(converted)).toEqual([]);
  });
});
