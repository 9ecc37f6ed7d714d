import { parse } from 'csv-parse/sync';
import {
  type ConvertedDataset,
  type DatasetItem,
  DatasetFormatError,
} from './dataset.types';

export interface Banking77Options {
  /** At most this many items. They are taken round-robin across the labels (see below). */
  limit?: number;
  /** externalId = prefix + 1-based data row of the CSV (header excluded). */
  idPrefix?: string;
}

/**
 * Banking77 (`text,category` CSV + `categories.json`) → a single-label `classification` job.
 *
 * - schema.labels: the categories in `categories.json` order (77 for Banking77).
 * - item `{ text }`, answer `{ label }` = the dataset's category, usable as gold.
 * - The CSV is sorted by category; items come out interleaved (row 1 of every label, then row 2 of
 *   every label, …), so any prefix, and any `limit`, covers the labels evenly instead of being one
 *   intent only.
 * - Texts are trimmed (three test rows begin with newlines inside their quotes); a row whose
 *   category is not in the list, or with an empty text, is skipped with a warning.
 */
export function banking77ToClassification(
  csvText: string,
  categoriesJson: string,
  options: Banking77Options = {},
): ConvertedDataset<'classification'> {
  const dataset = 'banking77';
  const idPrefix = options.idPrefix ?? 'banking77-test-';
  const warnings: string[] = [];

  const labels = parseCategories(categoriesJson);
  let rows: string[][];
  try {
    rows = parse(csvText, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new DatasetFormatError(
      dataset,
      `CSV does not parse: ${(error as Error).message}`,
    );
  }
  const header = rows.shift()?.map((name) => name.trim());
  const textColumn = header?.indexOf('text') ?? -1;
  const categoryColumn = header?.indexOf('category') ?? -1;
  if (textColumn < 0 || categoryColumn < 0) {
    throw new DatasetFormatError(
      dataset,
      `expected a header with "text" and "category", got ${JSON.stringify(header ?? [])}`,
    );
  }

  const byLabel = new Map<string, DatasetItem<'classification'>[]>(
    labels.map((label) => [label, []]),
  );
  let trimmed = 0;
  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    const rawText = row[textColumn];
    const category = row[categoryColumn]?.trim();
    if (rawText === undefined || category === undefined) {
      warnings.push(
        `row ${rowNumber}: expected ${header?.length} columns, got ${row.length}; skipped`,
      );
      return;
    }
    const text = rawText.trim();
    if (text !== rawText) trimmed += 1;
    if (text === '') {
      warnings.push(`row ${rowNumber}: empty text; skipped`);
      return;
    }
    const bucket = byLabel.get(category);
    if (bucket === undefined) {
      warnings.push(
        `row ${rowNumber}: category "${category}" is not in categories.json; skipped`,
      );
      return;
    }
    bucket.push({
      externalId: `${idPrefix}${rowNumber}`,
      data: { text },
      answer: { label: category },
    });
  });
  if (trimmed > 0)
    warnings.push(
      `${trimmed} texts had leading or trailing whitespace (newlines inside quotes); trimmed`,
    );
  const unused = labels.filter((label) => byLabel.get(label)?.length === 0);
  if (unused.length > 0)
    warnings.push(
      `${unused.length} categories have no rows: ${unused.join(', ')}`,
    );

  const items: DatasetItem<'classification'>[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const buckets = [...byLabel.values()];
  for (let round = 0; items.length < limit; round += 1) {
    let added = false;
    for (const bucket of buckets) {
      const item = bucket[round];
      if (item === undefined || items.length >= limit) continue;
      items.push(item);
      added = true;
    }
    if (!added) break;
  }
  return { taskType: 'classification', schema: { labels }, items, warnings };
}

function parseCategories(categoriesJson: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(categoriesJson);
  } catch (error) {
    throw new DatasetFormatError(
      'banking77',
      `categories are not JSON: ${(error as Error).message}`,
    );
  }
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((label) => typeof label === 'string' && label.trim() !== '')
  ) {
    throw new DatasetFormatError(
      'banking77',
      'categories must be a non-empty JSON array of strings',
    );
  }
  const labels = value.map((label: string) => label.trim());
  if (new Set(labels).size !== labels.length)
    throw new DatasetFormatError('banking77', 'categories contain duplicates');
  return labels;
}
