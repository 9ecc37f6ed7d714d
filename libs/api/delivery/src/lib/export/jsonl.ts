/**
 * One JSON Lines record: `JSON.stringify(value)` plus `\n`.
 *
 * JSON.stringify already escapes every character below U+0020 (so embedded newlines cannot split a record)
 * and lone surrogates. We additionally escape U+0085, U+2028 and U+2029: they are legal raw inside JSON
 * strings, but line splitters such as Python's `str.splitlines()` break records on them. The escaped form
 * parses back to the identical value.
 *
 * Throws TypeError for values JSON cannot represent at the top level (`undefined`, functions, symbols) and,
 * natively, for BigInt and cyclic structures.
 */
export function jsonlLine(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError(`cannot write ${typeof value} as a JSON Lines record`);
  return `${json.replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
