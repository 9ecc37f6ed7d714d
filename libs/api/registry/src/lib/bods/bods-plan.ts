import { interpretBodsStatements } from './bods-interpret';
import { parseBodsInput, type BodsInputFormat } from './bods-parse';
import type { BodsImportPlan, BodsInterpretOptions } from './bods.types';

export interface BodsTextImportPlan extends BodsImportPlan {
  format: BodsInputFormat;
}

/**
 * parseBodsInput + interpretBodsStatements for a request body: JSON-syntax errors (per line for
 * JSON Lines, index -1 for a broken array) and statement errors in one list, sorted by index.
 * A line that does not parse does not shift the indexes of the lines after it.
 */
export function planBodsImport(
  text: string,
  options: Omit<BodsInterpretOptions, 'indexes'> = {},
): BodsTextImportPlan {
  const parsed = parseBodsInput(text);
  const plan = interpretBodsStatements(parsed.statements, {
    ...options,
    indexes: parsed.indexes,
  });
  return {
    ...plan,
    errors: [...parsed.errors, ...plan.errors].sort(
      (a, b) => a.index - b.index,
    ),
    format: parsed.format,
  };
}
