export { CSV_BOM, CSV_EOL, csvCell, csvRow, isFormulaLike, neutralizeFormula } from './csv';
export { jsonlLine } from './jsonl';
