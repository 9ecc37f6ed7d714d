/** Small value helpers shared by the BODS importer and exporter. */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCalendarDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const probe = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2023-02-30 over to March; a round trip catches impossible dates.
  return (
    probe.getUTCFullYear() === y &&
    probe.getUTCMonth() === m - 1 &&
    probe.getUTCDate() === d
  );
}

/** `YYYY-MM-DD` (JSON Schema `format: date`). */
export function isBodsDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_RE.exec(value);
  return match !== null && isCalendarDate(match[1], match[2], match[3]);
}

/** RFC 3339 date-time with an offset (JSON Schema `format: date-time`). */
export function isBodsDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME_RE.exec(value);
  return (
    match !== null &&
    isCalendarDate(match[1], match[2], match[3]) &&
    !Number.isNaN(Date.parse(value.replace(' ', 'T')))
  );
}

/** statementDate / publicationDate accept either form. */
export function isBodsDateOrDateTime(value: unknown): value is string {
  return isBodsDate(value) || isBodsDateTime(value);
}

/** Epoch milliseconds of a date or date-time; a bare date counts as its UTC midnight. */
export function bodsInstant(value: string): number {
  return DATE_RE.test(value)
    ? Date.parse(`${value}T00:00:00Z`)
    : Date.parse(value.replace(' ', 'T'));
}

/** The calendar-date part of a date or date-time, as written (no time-zone shift). */
export function bodsDatePart(value: string): string {
  return value.slice(0, 10);
}

/** Byte-order comparison: deterministic, unlike localeCompare, whatever the host locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted, so equal values always serialise (and hash) identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compareStrings)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}
