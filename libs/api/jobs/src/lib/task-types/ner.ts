import type { TaskAnswers } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { at, expected, index, own, type Problems } from './problems';
import {
  LABEL_RULE,
  readInteger,
  readItemText,
  readLabelValue,
  readNameList,
  readObject,
} from './readers';
import type { TaskTypeDefinition } from './task-type-definition';

type Span = TaskAnswers['ner']['spans'][number];

/**
 * Offsets are UTF-16 code unit indexes into `data.text`, end exclusive: exactly JavaScript's
 * `text.slice(start, end)`. An emoji such as 😀 is 2 units, so an offset may not fall between the two
 * halves of a surrogate pair. (Python's `str` counts code points; convert there, not here.)
 */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (
    before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff
  );
}

const SURROGATE_HINT =
  'splits an emoji or other character outside the BMP (offsets count UTF-16 code units: 😀 is 2)';

export const ner: TaskTypeDefinition<'ner'> = {
  description:
    "Annotators mark entity spans in a text, each with one of the job's labels, using non-overlapping [start, end) UTF-16 offsets.",
  example: {
    schema: { labels: ['PERSON', 'ORG', 'LOC'] },
    item: { text: 'Ada Lovelace worked with Charles Babbage in London.' },
    answer: {
      spans: [
        { start: 0, end: 12, label: 'PERSON' },
        { start: 25, end: 40, label: 'PERSON' },
        { start: 44, end: 50, label: 'LOC' },
      ],
    },
  },

  schema(p, path, value) {
    const start = p.count;
    const o = readObject(p, path, value, ['labels'], 'an object { labels }');
    if (!o) return undefined;
    const labels = readNameList(
      p,
      at(path, 'labels'),
      own(o, 'labels'),
      LABEL_RULE,
    );
    if (labels === undefined || p.count > start) return undefined;
    return { labels };
  },

  item(p, path, _schema, value) {
    const start = p.count;
    const o = readObject(p, path, value, ['text'], 'an object { text }');
    if (!o) return undefined;
    const text = readItemText(p, at(path, 'text'), own(o, 'text'));
    if (text === undefined || p.count > start) return undefined;
    return { text };
  },

  answer(p, path, schema, item, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['spans'],
      'an object { spans: [...] }',
    );
    if (!o) return undefined;
    const spansPath = at(path, 'spans');
    const raw = own(o, 'spans');
    if (!Array.isArray(raw)) {
      expected(
        p,
        spansPath,
        raw,
        'an array of { start, end, label } (empty when the text has no entities)',
      );
      return undefined;
    }
    if (raw.length > TASK_LIMITS.maxSpans) {
      p.add(
        spansPath,
        `must contain at most ${TASK_LIMITS.maxSpans} spans, got ${raw.length}`,
      );
      return undefined;
    }
    const text = item.text;
    const length = text.length;
    const labelSet = new Set(schema.labels);
    const spans: (Span | undefined)[] = [];
    for (let i = 0; i < raw.length; i++) {
      const before = p.count;
      const sp = index(spansPath, i);
      const so = readObject(
        p,
        sp,
        raw[i],
        ['start', 'end', 'label'],
        'an object { start, end, label }',
      );
      if (!so) continue;
      const offset = {
        what: 'an integer UTF-16 offset into data.text',
        min: 0,
      };
      const s = readInteger(p, at(sp, 'start'), own(so, 'start'), offset);
      const e = readInteger(p, at(sp, 'end'), own(so, 'end'), offset);
      const label = readLabelValue(
        p,
        at(sp, 'label'),
        own(so, 'label'),
        labelSet,
        schema.labels,
      );
      if (s !== undefined && s >= length)
        p.add(
          at(sp, 'start'),
          `must be less than ${length}, the length of data.text in UTF-16 code units, got ${s}`,
        );
      else if (s !== undefined && splitsSurrogatePair(text, s))
        p.add(at(sp, 'start'), SURROGATE_HINT);
      if (e !== undefined && e > length)
        p.add(
          at(sp, 'end'),
          `must be at most ${length}, the length of data.text in UTF-16 code units, got ${e}`,
        );
      else if (s !== undefined && e !== undefined && e <= s)
        p.add(
          at(sp, 'end'),
          `must be greater than start (${s}); end is exclusive, so a span is text.slice(start, end)`,
        );
      else if (e !== undefined && splitsSurrogatePair(text, e))
        p.add(at(sp, 'end'), SURROGATE_HINT);
      if (
        p.count === before &&
        s !== undefined &&
        e !== undefined &&
        label !== undefined
      )
        spans[i] = { start: s, end: e, label };
    }
    // Overlaps are checked among the spans that are valid on their own, so one bad span does not hide them.
    reportOverlaps(p, spansPath, spans);
    return p.count === start
      ? { spans: spans.filter((s): s is Span => s !== undefined) }
      : undefined;
  },
};

/**
 * Flat NER: spans may not overlap, whatever their labels, and the same span may not appear twice.
 * Touching spans ([0,3) and [3,5)) are fine. The later span (by start, then end, then position) is
 * reported, naming the one it collides with.
 */
function reportOverlaps(
  p: Problems,
  spansPath: string,
  spans: readonly (Span | undefined)[],
): void {
  const valid: { i: number; span: Span }[] = [];
  spans.forEach((span, i) => {
    if (span !== undefined) valid.push({ i, span });
  });
  valid.sort(
    (a, b) =>
      a.span.start - b.span.start || a.span.end - b.span.end || a.i - b.i,
  );
  let reach: { i: number; span: Span } | undefined; // the span seen so far that ends last
  for (const current of valid) {
    if (reach !== undefined && current.span.start < reach.span.end) {
      const other = reach.span;
      p.add(
        index(spansPath, current.i),
        `overlaps ${index(spansPath, reach.i)} ([${other.start}, ${other.end}) ${other.label}); spans may not overlap, even with different labels`,
      );
    }
    if (reach === undefined || current.span.end > reach.span.end)
      reach = current;
  }
}
