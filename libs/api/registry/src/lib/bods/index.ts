/**
 * BODS 0.4 import/export, pure (no database, no Nest). See reference/ownership.md §2.
 * Import: parseBodsInput → interpretBodsStatements (or planBodsImport for both) → apply the
 * operations in order. Export: exportBods.
 */
export {
  BODS_DIRECT_OR_INDIRECT,
  BODS_ENTITY_TYPES,
  BODS_PERSON_TYPES,
  BODS_RECORD_STATUSES,
  BODS_RECORD_TYPES,
  BODS_SOURCE_TYPES,
  BODS_UNSPECIFIED_REASONS,
  BODS_VERSION,
  FUND_ENTITY_TYPE_DETAILS,
} from './bods-codelists';
export type {
  BodsEntityType,
  BodsPersonType,
  BodsRecordStatus,
  BodsRecordType,
  BodsSourceType,
} from './bods-codelists';
export * from './bods.types';
export { parseBodsInput } from './bods-parse';
export type { BodsInputFormat, BodsParseResult } from './bods-parse';
export { interpretBodsStatements } from './bods-interpret';
export { planBodsImport } from './bods-plan';
export type { BodsTextImportPlan } from './bods-plan';
export { buildBodsGraph } from './bods-graph';
export type { BodsGraph } from './bods-graph';
export {
  isCountableInterestType,
  normaliseShare,
  validateShare,
} from './bods-share';
export type { ShareProblem } from './bods-share';
export { exportBods } from './bods-export';
export { groupPartiesByIdentity, resolvePartyKey } from './party-key';
