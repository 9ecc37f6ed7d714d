import type { BodsShare, InterestType } from '@quorum/contracts';
import { COUNTABLE_INTEREST_TYPES } from '@quorum/contracts';
import { describeValue, isRecord } from './bods-values';

/** A field-level validation problem, shaped like ProblemFieldError so the API can return it as is. */
export interface ShareProblem {
  path: string;
  message: string;
}

const SHARE_FIELDS = [
  'exact',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
] as const;
type ShareField = (typeof SHARE_FIELDS)[number];

function isShareField(key: string): key is ShareField {
  return (SHARE_FIELDS as readonly string[]).includes(key);
}

/**
 * Validates a BODS share object (percent). The rules are those of lib-cove-bods'
 * share-value check and of POST /interests: each value a number in 0..100; `exact` never with a
 * bound; never both an inclusive and an exclusive bound on one side; the band not empty.
 * Returns every problem found (empty when valid). `path` prefixes each problem's path.
 */
export function validateShare(share: unknown, path: string): ShareProblem[] {
  if (!isRecord(share)) {
    return [
      { path, message: `share must be an object, got ${describeValue(share)}` },
    ];
  }
  const problems: ShareProblem[] = [];
  const values: Partial<Record<ShareField, number>> = {};
  for (const [key, value] of Object.entries(share)) {
    if (!isShareField(key)) {
      problems.push({
        path: `${path}.${key}`,
        message: `unknown share field (expected one of ${SHARE_FIELDS.join(', ')})`,
      });
      continue;
    }
    if (value === undefined) continue;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      value > 100
    ) {
      problems.push({
        path: `${path}.${key}`,
        message: `must be a number from 0 to 100 (a percentage), got ${describeValue(value)}`,
      });
      continue;
    }
    values[key] = value;
  }

  const { exact, minimum, exclusiveMinimum, maximum, exclusiveMaximum } =
    values;
  const has = (field: ShareField): boolean => share[field] !== undefined;

  if (
    has('exact') &&
    (has('minimum') ||
      has('exclusiveMinimum') ||
      has('maximum') ||
      has('exclusiveMaximum'))
  ) {
    problems.push({
      path,
      message: 'exact cannot be combined with minimum/maximum bounds',
    });
  }
  if (has('minimum') && has('exclusiveMinimum')) {
    problems.push({
      path,
      message: 'give minimum or exclusiveMinimum, not both',
    });
  }
  if (has('maximum') && has('exclusiveMaximum')) {
    problems.push({
      path,
      message: 'give maximum or exclusiveMaximum, not both',
    });
  }

  // Band check only when each side is unambiguous; the conflicts above are reported already.
  const lower = minimum ?? exclusiveMinimum;
  const upper = maximum ?? exclusiveMaximum;
  const bothSidesUnambiguous =
    exact === undefined &&
    !(minimum !== undefined && exclusiveMinimum !== undefined) &&
    !(maximum !== undefined && exclusiveMaximum !== undefined);
  if (bothSidesUnambiguous && lower !== undefined && upper !== undefined) {
    const inclusive = minimum !== undefined && maximum !== undefined;
    if (lower > upper) {
      problems.push({
        path,
        message: `minimum (${lower}) is above maximum (${upper})`,
      });
    } else if (!inclusive && lower === upper) {
      problems.push({
        path,
        message: `the range (${lower}, ${upper}) is empty with an exclusive bound`,
      });
    }
  }
  return problems;
}

/** Copies the known numeric fields of a share that passed validateShare; `{}` becomes null. */
export function normaliseShare(share: unknown): BodsShare | null {
  if (!isRecord(share)) return null;
  const out: BodsShare = {};
  for (const field of SHARE_FIELDS) {
    const value = share[field];
    if (typeof value === 'number') out[field] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

export function isCountableInterestType(type: InterestType): boolean {
  return COUNTABLE_INTEREST_TYPES.includes(type);
}
