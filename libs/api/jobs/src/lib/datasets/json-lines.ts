import type { TaskType } from '@quorum/contracts';
import type { DatasetItem } from './dataset.types';
import { seededUnit } from './deterministic-random';

/** Lines of a text file with 1-based line numbers; accepts LF and CRLF. */
export function* textLines(
  text: string,
): Generator<{ line: string; lineNumber: number }> {
  let start = 0;
  let lineNumber = 1;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    yield { line: line.endsWith('\r') ? line.slice(0, -1) : line, lineNumber };
    start = end + 1;
    lineNumber += 1;
  }
}

/**
 * The non-blank lines of a JSON Lines text, parsed. A line that is not JSON is reported through
 * `onError` and skipped, so one bad line does not lose the rest of the file.
 */
export function* parseJsonLines(
  text: string,
  onError: (lineNumber: number, message: string) => void,
): Generator<{ value: unknown; lineNumber: number }> {
  for (const { line, lineNumber } of textLines(text)) {
    if (line.trim() === '') continue;
    try {
      yield { value: JSON.parse(line) as unknown, lineNumber };
    } catch (error) {
      onError(lineNumber, `not JSON (${(error as Error).message})`);
    }
  }
}

export interface JsonLinesOptions {
  /** true: gold lines (`POST /jobs/{id}/gold`), each with its `answer`; false: item lines. */
  withAnswers: boolean;
}

/**
 * The exact body of `POST /jobs/{id}/items` (`{ externalId, data }` per line) or
 * `POST /jobs/{id}/gold` (`{ externalId, data, answer }`): one JSON object per line, each line
 * ending in `\n`. Gold lines need an answer on every item.
 */
export function toJsonLines<T extends TaskType>(
  items: readonly DatasetItem<T>[],
  options: JsonLinesOptions,
): string {
  let out = '';
  for (const item of items) {
    if (options.withAnswers) {
      if (item.answer === undefined) {
        throw new Error(
          `toJsonLines: item ${item.externalId} has no answer, so it cannot be a gold line`,
        );
      }
      out += `${JSON.stringify({ externalId: item.externalId, data: item.data, answer: item.answer })}\n`;
    } else {
      out += `${JSON.stringify({ externalId: item.externalId, data: item.data })}\n`;
    }
  }
  return out;
}

/**
 * Splits items into regular items and gold items: about `fraction` of those with an answer become
 * gold, chosen by a hash of the externalId (so the choice is stable and does not follow file order,
 * which in Banking77 is sorted by label).
 */
export function splitGold<T extends TaskType>(
  items: readonly DatasetItem<T>[],
  fraction: number,
  seed = 'gold',
): { items: DatasetItem<T>[]; gold: DatasetItem<T>[] } {
  if (!(fraction >= 0 && fraction <= 1))
    throw new RangeError(
      `splitGold: fraction must be within 0..1, got ${fraction}`,
    );
  const regular: DatasetItem<T>[] = [];
  const gold: DatasetItem<T>[] = [];
  for (const item of items) {
    if (
      item.answer !== undefined &&
      seededUnit(`${seed}:${item.externalId}`) < fraction
    )
      gold.push(item);
    else regular.push(item);
  }
  return { items: regular, gold };
}
