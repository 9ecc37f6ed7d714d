/** Prepend to a whole CSV file (once) so Excel reads it as UTF-8. */
export const CSV_BOM = '\uFEFF';
/** RFC 4180 record separator. */
export const CSV_EOL = '\r\n';

/**
 * Characters that make a spreadsheet treat a cell as a formula, or that ASVS 5.0 §1.2.10 / OWASP require
 * escaping when they come first: = + - @ TAB CR, plus LF and NUL (ASVS lists \0). Full-width = + - @ are
 * included because some spreadsheet locales normalise them.
 */
// eslint-disable-next-line no-control-regex
const FIRST_CHAR = /^[=+\-@\t\r\n\u0000\uFF1D\uFF0B\uFF0D\uFF20]/;
/**
 * The same trigger after leading whitespace/control characters: LibreOffice's "trim spaces" import option
 * and some other importers strip them and then evaluate.
 */
// eslint-disable-next-line no-control-regex
const AFTER_SPACE = /^[\s\u0000-\u001F\u007F]+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** True when `text` would be read as a formula (or a formula after trimming) by a spreadsheet. */
export function isFormulaLike(text: string): boolean {
  return FIRST_CHAR.test(text) || AFTER_SPACE.test(text);
}

/** Prefix formula-like text with a single quote, which spreadsheets treat as "this cell is text". */
export function neutralizeFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function textCell(text: string): string {
  return quote(neutralizeFormula(text));
}

/**
 * One CSV field, safe to open in a spreadsheet.
 *
 * - `null`/`undefined` → empty field (unquoted), so "no value" and `""` (empty string) stay distinguishable.
 * - finite `number`, `bigint`, `boolean` → bare literal. They are data, not text: a JS `-2` is written
 *   `-2` (it cannot carry a formula), whereas the *string* `"-2"` is neutralised to `"'-2"`.
 * - `NaN`/`±Infinity` → treated as text (`"NaN"`, `"'-Infinity"`).
 * - `Date` → ISO 8601 text; an invalid Date throws.
 * - strings → formula-neutralised, then ALWAYS double-quoted with `"` doubled (RFC 4180 §2.6–2.7). Quoting
 *   every text field also protects locales whose spreadsheet separator is `;` rather than `,`.
 * - other objects/arrays → their JSON, as text.
 * - functions and symbols throw: they indicate a bug in the caller.
 */
export function csvCell(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return '';
    case 'number':
      return Number.isFinite(value) ? String(value) : textCell(String(value));
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return textCell(value);
    case 'function':
    case 'symbol':
      throw new TypeError(`cannot write a ${typeof value} to CSV`);
    case 'object': {
      if (value === null) return '';
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new RangeError('cannot write an invalid Date to CSV');
        return textCell(value.toISOString());
      }
      const json = JSON.stringify(value) as string | undefined;
      return json === undefined ? '' : textCell(json);
    }
  }
}

/**
 * One CSV record including its CRLF terminator, ready to append/stream. A record holding a single empty
 * field is written as `""` so it cannot be mistaken for (or skipped as) a blank line.
 */
export function csvRow(values: readonly unknown[]): string {
  const cells = values.map(csvCell);
  if (cells.length === 1 && cells[0] === '') cells[0] = '""';
  return `${cells.join(',')}${CSV_EOL}`;
}
