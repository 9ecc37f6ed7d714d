import type { TaskAnswers } from '@quorum/contracts';
import {
  type ConvertedDataset,
  type DatasetItem,
  DatasetFormatError,
} from './dataset.types';
import { textLines } from './json-lines';
import { WarningLog } from './warning-log';

/** The six WNUT-17 entity types, in the order of the shared task description. */
export const WNUT17_LABELS = [
  'person',
  'location',
  'group',
  'creative-work',
  'corporation',
  'product',
] as const;

export interface Wnut17Options {
  limit?: number;
  /** externalId = prefix + 1-based sentence number in the file. */
  idPrefix?: string;
}

export interface ConllToken {
  token: string;
  tag: string;
}

type NerSpan = TaskAnswers['ner']['spans'][number];

/**
 * One CoNLL sentence → NER item data and gold spans.
 *
 * The text is the tokens joined by single spaces (the source keeps no original spacing, so
 * punctuation stays detached: `Sonmarg , said`). Spans come from BIO tags: `B-x` starts a span,
 * `I-x` continues a span of the same type; an `I-x` with no open `x` span starts one (lenient
 * CoNLL reading, reported). Offsets are JavaScript string indices (UTF-16 code units), end
 * exclusive: `text.slice(start, end)` is exactly the entity's tokens joined by spaces.
 */
export function conllSentenceToNer(
  tokens: readonly ConllToken[],
  labels: readonly string[],
  report: (message: string) => void = () => undefined,
): { text: string; spans: NerSpan[] } {
  const spans: NerSpan[] = [];
  let open: NerSpan | null = null;
  let offset = 0;
  tokens.forEach(({ token, tag }, index) => {
    const start = offset;
    const end = start + token.length;
    offset = end + 1;
    const match = /^([BI])-(.+)$/.exec(tag);
    if (tag === 'O' || match === null || !labels.includes(match[2])) {
      if (tag !== 'O')
        report(
          `token ${index + 1} "${token}": tag "${tag}" is not O or B-/I- of a known label; read as O`,
        );
      open = null;
      return;
    }
    const [, position, label] = match;
    if (position === 'I' && open !== null && open.label === label) {
      open.end = end;
      return;
    }
    if (position === 'I')
      report(
        `token ${index + 1} "${token}": ${tag} does not continue a ${label} span; starts one`,
      );
    open = { start, end, label };
    spans.push(open);
  });
  return { text: tokens.map(({ token }) => token).join(' '), spans };
}

/**
 * WNUT-17 emerging entities (`emerging.test.annotated`: `token<TAB>BIO-tag` lines, blank line
 * between sentences) → an `ner` job, one item per sentence with its spans as the answer. Sentences
 * without entities are kept (an empty answer is a valid and useful gold answer).
 */
export function wnut17ToNer(
  conllText: string,
  options: Wnut17Options = {},
): ConvertedDataset<'ner'> {
  const labels = [...WNUT17_LABELS];
  const idPrefix = options.idPrefix ?? 'wnut17-test-';
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const log = new WarningLog();
  const items: DatasetItem<'ner'>[] = [];
  let sentence: ConllToken[] = [];
  let sentenceNumber = 0;
  let splitEntities = 0;
  let astralSpans = 0;

  const flush = (): void => {
    if (sentence.length === 0) return;
    sentenceNumber += 1;
    const number = sentenceNumber;
    const { text, spans } = conllSentenceToNer(sentence, labels, (message) =>
      log.add(`sentence ${number}: ${message}`),
    );
    sentence = [];
    if (items.length >= limit) return;
    if (/(^| )& (gt|lt|amp|quot) ;/.test(text)) splitEntities += 1;
    astralSpans += spans.filter((span) =>
      /[\uD800-\uDBFF]/.test(text.slice(0, span.start)),
    ).length;
    items.push({
      externalId: `${idPrefix}${number}`,
      data: { text },
      answer: { spans },
    });
  };

  for (const { line, lineNumber } of textLines(conllText)) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const tab = line.lastIndexOf('\t');
    const parts =
      tab >= 0
        ? [line.slice(0, tab), line.slice(tab + 1)]
        : /^(\S+)\s+(\S+)$/.exec(line)?.slice(1);
    if (parts === undefined || parts[0] === '' || /\s/.test(parts[0])) {
      log.add(
        `line ${lineNumber}: expected "token<TAB>tag", got ${JSON.stringify(line)}; skipped`,
      );
      continue;
    }
    sentence.push({ token: parts[0], tag: parts[1].trim() });
  }
  flush();
  if (sentenceNumber === 0)
    throw new DatasetFormatError('wnut17', 'no token lines found');

  log.note(
    splitEntities,
    `${splitEntities} sentences contain HTML entities split into tokens ("& gt ;"), kept as in the source`,
  );
  log.note(
    astralSpans,
    `${astralSpans} spans follow an emoji or other non-BMP character: offsets are UTF-16 code units (JavaScript string indices), not code points`,
  );
  return {
    taskType: 'ner',
    schema: { labels },
    items,
    warnings: log.toArray(),
  };
}
