/**
 * Postgres COPY text format: fields split by TAB, rows by LF, NULL as \N; a backslash, TAB, LF or CR
 * inside a field is written as a backslash escape.
 */
export const COPY_NULL = '\\N';

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Any text as one COPY field. */
export function copyField(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : text;
}

/** JSON.stringify output as one COPY field: it never holds a raw control character, only backslashes. */
export function copyJsonField(json: string): string {
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}

// An escape preceded by an even number of backslashes is a real escape, not escaped text.
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/;

/**
 * True when JSON.stringify output holds something jsonb refuses: NUL (\u0000) or a lone surrogate
 * (JSON.stringify escapes only unpaired ones). One such line would otherwise abort the whole COPY.
 */
export function jsonIsStorable(json: string): boolean {
  return !json.includes('\\u') || !UNSTORABLE_ESCAPE.test(json);
}
