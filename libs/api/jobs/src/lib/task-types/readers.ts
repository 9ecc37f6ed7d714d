import { TASK_LIMITS } from './limits';
import {
  at,
  choiceList,
  describe,
  expected,
  fieldList,
  index,
  isRecord,
  Problems,
  quote,
} from './problems';

/**
 * Typed readers shared by every task type. Each one reports what is wrong at `path` and returns the
 * value only when it is valid, so callers never branch on shapes themselves. None of them recurse into
 * the input, which is why arbitrarily deep input cannot overflow the stack.
 */

/**
 * A plain object whose keys are all in `fields`. Unknown keys are problems (a typo like `lables` must
 * not be silently ignored); `hints` replaces the generic message for keys we know people get wrong.
 */
export function readObject(
  p: Problems,
  path: string,
  v: unknown,
  fields: readonly string[],
  what: string,
  hints: Readonly<Record<string, string>> = {},
): Record<string, unknown> | undefined {
  if (!isRecord(v)) {
    expected(p, path, v, what);
    return undefined;
  }
  for (const key of Object.keys(v)) {
    if (fields.includes(key)) continue;
    const hint = Object.prototype.hasOwnProperty.call(hints, key)
      ? hints[key]
      : undefined;
    p.add(
      at(path, key),
      hint ?? `is not a known field; expected only ${fieldList(fields)}`,
    );
  }
  return v;
}

export interface StringRule {
  /** Completes "must be …", e.g. 'a non-empty string'. */
  what: string;
  maxLength: number;
  /** At least one non-whitespace character. */
  nonBlank?: boolean;
  /** No leading or trailing whitespace (names that are compared exactly, like labels). */
  trimmed?: boolean;
}

export function readString(
  p: Problems,
  path: string,
  v: unknown,
  rule: StringRule,
): string | undefined {
  if (typeof v !== 'string') {
    expected(p, path, v, rule.what);
    return undefined;
  }
  if (v.length > rule.maxLength) {
    p.add(
      path,
      `must be at most ${rule.maxLength} characters (UTF-16 code units), got ${v.length}`,
    );
    return undefined;
  }
  if (rule.nonBlank && v.trim().length === 0) {
    p.add(
      path,
      v.length === 0
        ? `must not be empty (${rule.what})`
        : `must not be blank (${rule.what})`,
    );
    return undefined;
  }
  if (rule.trimmed && v !== v.trim()) {
    p.add(path, `must not start or end with whitespace, got ${quote(v)}`);
    return undefined;
  }
  return v;
}

export interface IntegerRule {
  what: string;
  min?: number;
  max?: number;
}

/** An integer (JSON `3.0` is the integer 3); NaN, Infinity, strings like "3" are problems. */
export function readInteger(
  p: Problems,
  path: string,
  v: unknown,
  rule: IntegerRule,
): number | undefined {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    expected(p, path, v, rule.what);
    return undefined;
  }
  return inRange(p, path, v, rule.min, rule.max) ? v : undefined;
}

/** A finite number (NaN and ±Infinity are problems). */
export function readFiniteNumber(
  p: Problems,
  path: string,
  v: unknown,
  what: string,
): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    expected(p, path, v, what);
    return undefined;
  }
  return v;
}

function inRange(
  p: Problems,
  path: string,
  v: number,
  min: number | undefined,
  max: number | undefined,
): boolean {
  if (min !== undefined && v < min) {
    p.add(path, `must be at least ${min}, got ${v}`);
    return false;
  }
  if (max !== undefined && v > max) {
    p.add(path, `must be at most ${max}, got ${v}`);
    return false;
  }
  return true;
}

export function readBoolean(
  p: Problems,
  path: string,
  v: unknown,
  what = 'true or false (or omit the field)',
): boolean | undefined {
  if (typeof v !== 'boolean') {
    expected(p, path, v, what);
    return undefined;
  }
  return v;
}

export interface NameListRule {
  /** Singular, for messages: 'label', 'criterion'. */
  noun: string;
  plural: string;
  maxItems: number;
  maxLength: number;
  /** Names refused because they would be unsafe as object keys in answers. */
  reserved?: readonly string[];
}

/**
 * A non-empty array of unique, trimmed, non-empty names (labels or criteria). Names that differ only in
 * Unicode normalization (é as one code point vs e + accent) count as duplicates: they look identical
 * to annotators but would never match each other.
 */
export function readNameList(
  p: Problems,
  path: string,
  v: unknown,
  rule: NameListRule,
): string[] | undefined {
  const what = `a non-empty array of unique ${rule.noun} names`;
  if (!Array.isArray(v)) {
    expected(p, path, v, what);
    return undefined;
  }
  if (v.length === 0) {
    p.add(path, `must list at least one ${rule.noun}`);
    return undefined;
  }
  if (v.length > rule.maxItems) {
    p.add(
      path,
      `must list at most ${rule.maxItems} ${rule.plural}, got ${v.length}`,
    );
    return undefined;
  }
  const start = p.count;
  const firstSeen = new Map<string, number>();
  const names: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const name = readString(p, index(path, i), v[i], {
      what: `a non-empty ${rule.noun} name`,
      maxLength: rule.maxLength,
      nonBlank: true,
      trimmed: true,
    });
    if (name === undefined) continue;
    if (rule.reserved?.includes(name)) {
      p.add(
        index(path, i),
        `must not be ${quote(name)} (reserved); choose another ${rule.noun} name`,
      );
      continue;
    }
    const key = name.normalize('NFC');
    const first = firstSeen.get(key);
    if (first !== undefined) {
      const same = names[first] === name;
      p.add(
        index(path, i),
        `duplicates ${index(path, first)} (${quote(name)})${same ? '' : ' up to Unicode normalization'}; ${rule.plural} must be unique`,
      );
      continue;
    }
    firstSeen.set(key, i);
    names[i] = name;
  }
  return p.count === start ? names : undefined;
}

export const LABEL_RULE: NameListRule = {
  noun: 'label',
  plural: 'labels',
  maxItems: TASK_LIMITS.maxLabels,
  maxLength: TASK_LIMITS.maxLabelLength,
};

/** Criteria become keys of answer objects, so `__proto__` is refused outright. */
export const CRITERION_RULE: NameListRule = {
  noun: 'criterion',
  plural: 'criteria',
  maxItems: TASK_LIMITS.maxCriteria,
  maxLength: TASK_LIMITS.maxCriterionLength,
  reserved: ['__proto__'],
};

/** Item text, prompts and candidate responses: at least one visible character, at most maxTextLength. */
export function readItemText(
  p: Problems,
  path: string,
  v: unknown,
): string | undefined {
  return readString(p, path, v, {
    what: 'a non-empty string',
    maxLength: TASK_LIMITS.maxTextLength,
    nonBlank: true,
  });
}

/** An absolute http(s) URL that annotators' browsers can load; credentials in it would leak to every annotator. */
export function readHttpUrl(
  p: Problems,
  path: string,
  v: unknown,
): string | undefined {
  const what = 'an absolute http(s) URL';
  const s = readString(p, path, v, {
    what,
    maxLength: TASK_LIMITS.maxUrlLength,
    nonBlank: true,
    trimmed: true,
  });
  if (s === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    p.add(path, `must be ${what}, got ${describe(s)}`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    p.add(
      path,
      `must use http or https, got ${quote(url.protocol.replace(/:$/, ''))}`,
    );
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    p.add(
      path,
      'must not contain credentials (user:password@); annotators would see them',
    );
    return undefined;
  }
  return s;
}

/** A value that must be one of the job's labels. `labels` is the ordered list, for the message. */
export function readLabelValue(
  p: Problems,
  path: string,
  v: unknown,
  labelSet: ReadonlySet<string>,
  labels: readonly string[],
): string | undefined {
  if (typeof v === 'string' && labelSet.has(v)) return v;
  p.add(
    path,
    v === undefined
      ? `is required (one of the job's labels: ${choiceList(labels)})`
      : `must be one of the job's labels (${choiceList(labels)}), got ${describe(v)}`,
  );
  return undefined;
}

/**
 * An object with exactly one entry per criterion: unknown keys and missing criteria are both problems,
 * because an answer that skips a criterion cannot be aggregated per criterion.
 */
export function readCriterionRecord<V>(
  p: Problems,
  path: string,
  v: unknown,
  criteria: readonly string[],
  valueWhat: string,
  readValue: (path: string, value: unknown) => V | undefined,
): Record<string, V> | undefined {
  const start = p.count;
  if (!isRecord(v)) {
    expected(
      p,
      path,
      v,
      `an object with one entry per criterion (${choiceList(criteria)})`,
    );
    return undefined;
  }
  const known = new Set(criteria);
  for (const key of Object.keys(v)) {
    if (!known.has(key))
      p.add(
        at(path, key),
        `is not a criterion of this job; expected only ${choiceList(criteria)}`,
      );
  }
  const entries: [string, V][] = [];
  for (const criterion of criteria) {
    const raw = Object.prototype.hasOwnProperty.call(v, criterion)
      ? v[criterion]
      : undefined;
    if (raw === undefined) {
      p.add(
        at(path, criterion),
        `is required (${valueWhat}); every criterion must be answered`,
      );
      continue;
    }
    const value = readValue(at(path, criterion), raw);
    if (value !== undefined) entries.push([criterion, value]);
  }
  // fromEntries defines own properties, so even an odd key could never touch a prototype.
  return p.count === start ? Object.fromEntries(entries) : undefined;
}

/** Optional criteria: absent means none; an empty list is refused so "no criteria" has one spelling. */
export function readOptionalCriteria(
  p: Problems,
  path: string,
  v: unknown,
): { ok: boolean; criteria?: string[] } {
  if (v === undefined) return { ok: true };
  if (Array.isArray(v) && v.length === 0) {
    p.add(
      path,
      'must list at least one criterion; omit the field when the job has none',
    );
    return { ok: false };
  }
  const criteria = readNameList(p, path, v, CRITERION_RULE);
  return criteria === undefined ? { ok: false } : { ok: true, criteria };
}

/** Candidate responses for pairwise and ranking items. */
export function readResponses(
  p: Problems,
  path: string,
  v: unknown,
  min: number,
  max: number,
): string[] | undefined {
  const what =
    min === max
      ? `an array of exactly ${min} non-empty strings`
      : `an array of ${min} to ${max} non-empty strings`;
  if (!Array.isArray(v)) {
    expected(p, path, v, what);
    return undefined;
  }
  if (v.length < min || v.length > max) {
    p.add(path, `must be ${what}, got ${v.length} response(s)`);
    return undefined;
  }
  const start = p.count;
  const responses: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const response = readItemText(p, index(path, i), v[i]);
    if (response !== undefined) responses.push(response);
  }
  return p.count === start ? responses : undefined;
}
