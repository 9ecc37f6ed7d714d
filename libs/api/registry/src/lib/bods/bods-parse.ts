import { BODS_DOCUMENT_INDEX, type BodsIssue } from './bods.types';

export type BodsInputFormat = 'json-array' | 'json-lines' | 'empty';

export interface BodsParseResult {
  /** Parsed statements (not yet validated), in input order; lines that failed to parse are absent. */
  statements: unknown[];
  /**
   * Index reported for each statement, parallel to `statements`: the array position for a JSON
   * array, the 0-based line number for JSON Lines (so a bad line does not shift later indexes).
   * Pass it to interpretBodsStatements as `options.indexes`.
   */
  indexes: number[];
  /** Per line for JSON Lines; BODS_DOCUMENT_INDEX (-1) when the document as a whole is unusable. */
  errors: BodsIssue[];
  format: BodsInputFormat;
}

/** Adds line/column to V8's "at position N" so a client can find the fault in a pretty-printed file. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (!position || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}

/**
 * Reads a BODS 0.4 file: a JSON array of statements, or JSON Lines (one statement per line; BODS
 * allows it for large files). A document starting with `[` is a JSON array and must parse as a
 * whole. Anything else is JSON Lines: blank lines are skipped, a line that is not JSON is an error
 * at its line index and the remaining lines still load. A single (even pretty-printed) statement
 * object is accepted as one statement.
 */
export function parseBodsInput(text: string): BodsParseResult {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  if (trimmed === '') {
    return {
      statements: [],
      indexes: [],
      errors: [
        {
          index: BODS_DOCUMENT_INDEX,
          message:
            'the input is empty; expected a JSON array of BODS statements or JSON Lines',
        },
      ],
      format: 'empty',
    };
  }

  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      return {
        statements: [],
        indexes: [],
        errors: [
          {
            index: BODS_DOCUMENT_INDEX,
            message: `not a valid JSON array: ${describeJsonError(error, body)}`,
          },
        ],
        format: 'json-array',
      };
    }
    // A JSON text that starts with '[' is an array; the guard only narrows the type.
    const statements: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    return {
      statements,
      indexes: statements.map((_, i) => i),
      errors: [],
      format: 'json-array',
    };
  }

  // One statement spread over several lines is not JSON Lines, but it is unambiguous.
  if (trimmed.startsWith('{') && trimmed.includes('\n')) {
    try {
      const single: unknown = JSON.parse(trimmed);
      return {
        statements: [single],
        indexes: [0],
        errors: [],
        format: 'json-lines',
      };
    } catch {
      // Not a single object: read it line by line below.
    }
  }

  const statements: unknown[] = [];
  const indexes: number[] = [];
  const errors: BodsIssue[] = [];
  body.split(/\r?\n/).forEach((line, lineIndex) => {
    if (line.trim() === '') return;
    try {
      statements.push(JSON.parse(line));
      indexes.push(lineIndex);
    } catch (error) {
      errors.push({
        index: lineIndex,
        message: `line ${lineIndex + 1} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });
  return { statements, indexes, errors, format: 'json-lines' };
}
