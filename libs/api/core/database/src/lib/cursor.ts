import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '@quorum/contracts';
import { isUuid, validationFailed } from '@quorum/api/errors';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Keyset pagination: the cursor is an opaque base64url of the last row's sort key, so a page is
 * one index range scan however deep the client pages.
 */
export interface KeysetCursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string | undefined): KeysetCursor | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    // Both parts go into SQL casts (timestamptz, uuid): anything Postgres could not cast would be a 500.
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && ISO_TIMESTAMP.test(parsed[0]) && !Number.isNaN(Date.parse(parsed[0])) && isUuid(parsed[1])) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the validation error below
  }
  throw validationFailed([{ path: 'cursor', message: 'cursor is not one this API issued' }]);
}

export function pageLimit(raw: string | number | undefined): number {
  if (raw === undefined || raw === '') return PAGE_LIMIT_DEFAULT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > PAGE_LIMIT_MAX) {
    throw validationFailed([{ path: 'limit', message: `limit must be an integer between 1 and ${PAGE_LIMIT_MAX}` }]);
  }
  return value;
}
