import type { TaskItemData } from '@quorum/contracts';
import {
  type ConvertedDataset,
  type DatasetItem,
  DatasetFormatError,
} from './dataset.types';
import { seededUnit } from './deterministic-random';
import { parseJsonLines } from './json-lines';
import { WarningLog } from './warning-log';

export const HH_RLHF_CONTENT_WARNING =
  'Offensive content: Anthropic hh-rlhf harmless-base is red-team data (harmful requests, sexual and violent language). ' +
  'Show a content warning to annotators and keep it out of customer-facing demos.';

export interface HhRlhfOptions {
  limit?: number;
  /** externalId = prefix + 1-based line number in the file. */
  idPrefix?: string;
}

const ASSISTANT_TURN = '\n\nAssistant:';

/**
 * One hh-rlhf record → pairwise item data with the chosen side, or the reason it cannot be one.
 *
 * `chosen` and `rejected` are whole dialogues ("\n\nHuman: …\n\nAssistant: …") that share every
 * turn but the last Assistant one. The prompt is that shared dialogue (without the final
 * "Assistant:" marker), the responses are the two final turns, trimmed. `chosenIsA` comes from a
 * hash of `seed`, so about half the gold answers are "a".
 */
export function hhRlhfPair(
  record: unknown,
  seed: string,
):
  | { data: TaskItemData['pairwise_preference']; choice: 'a' | 'b' }
  | { problem: string } {
  if (typeof record !== 'object' || record === null)
    return { problem: 'not a JSON object' };
  const { chosen, rejected } = record as Record<string, unknown>;
  if (typeof chosen !== 'string' || typeof rejected !== 'string')
    return { problem: '"chosen" and "rejected" must be strings' };
  const chosenCut = chosen.lastIndexOf(ASSISTANT_TURN);
  const rejectedCut = rejected.lastIndexOf(ASSISTANT_TURN);
  if (chosenCut < 0 || rejectedCut < 0)
    return { problem: 'no "\\n\\nAssistant:" turn' };
  const context = chosen.slice(0, chosenCut);
  if (context !== rejected.slice(0, rejectedCut))
    return {
      problem: 'chosen and rejected differ before their final Assistant turn',
    };
  const prompt = context.trim();
  const better = chosen.slice(chosenCut + ASSISTANT_TURN.length).trim();
  const worse = rejected.slice(rejectedCut + ASSISTANT_TURN.length).trim();
  if (prompt === '')
    return { problem: 'empty dialogue before the final Assistant turn' };
  if (better === '' || worse === '')
    return {
      problem: `the ${better === '' ? 'chosen' : 'rejected'} final Assistant turn is empty`,
    };
  if (better === worse)
    return { problem: 'chosen and rejected final turns are identical' };
  const chosenIsA = seededUnit(seed) < 0.5;
  return {
    data: { prompt, responses: chosenIsA ? [better, worse] : [worse, better] },
    choice: chosenIsA ? 'a' : 'b',
  };
}

/**
 * Anthropic hh-rlhf (`{"chosen","rejected"}` JSON Lines) → `pairwise_preference` items with the
 * human-preferred ("chosen") final turn as the gold `choice`. Records that give no usable pair (an
 * empty final turn: line 87 of harmless-base test) are skipped with a warning.
 *
 * The result carries `contentWarning`: the harmless-base split is red-team content.
 */
export function hhRlhfToPairwise(
  jsonlText: string,
  options: HhRlhfOptions = {},
): ConvertedDataset<'pairwise_preference'> {
  const idPrefix = options.idPrefix ?? 'hh-harmless-base-test-';
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const log = new WarningLog();
  log.add(HH_RLHF_CONTENT_WARNING);
  const items: DatasetItem<'pairwise_preference'>[] = [];
  let lines = 0;
  for (const { value, lineNumber } of parseJsonLines(
    jsonlText,
    (line, message) => log.add(`line ${line}: ${message}; skipped`),
  )) {
    lines += 1;
    if (items.length >= limit) break;
    const externalId = `${idPrefix}${lineNumber}`;
    const pair = hhRlhfPair(value, externalId);
    if ('problem' in pair) {
      log.add(`line ${lineNumber}: ${pair.problem}; skipped`);
      continue;
    }
    items.push({
      externalId,
      data: pair.data,
      answer: { choice: pair.choice },
    });
  }
  if (lines === 0)
    throw new DatasetFormatError('hh-rlhf', 'no JSON lines found');
  return {
    taskType: 'pairwise_preference',
    schema: { allowTie: true },
    items,
    warnings: log.toArray(),
    contentWarning: HH_RLHF_CONTENT_WARNING,
  };
}
