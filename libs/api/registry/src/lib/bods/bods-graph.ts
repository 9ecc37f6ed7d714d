import type {
  BodsOperation,
  BodsPartyOperation,
  BodsRelationshipOperation,
} from './bods.types';

/** The latest state of each record after applying an import plan, keyed by BODS recordId. */
export interface BodsGraph {
  /** In order of first appearance; each holds the fields of its record's latest statement. */
  parties: BodsPartyOperation[];
  relationships: BodsRelationshipOperation[];
}

/**
 * Folds import operations into the current state of every record. Each statement is the full
 * state of its record, so a later statement replaces the earlier one outright: an `updated`
 * relationship's interests replace (not extend) the previous interests of that recordId, and a
 * `closed` one stays in the graph with `closed: true` and its interests ended.
 */
export function buildBodsGraph(
  operations: readonly BodsOperation[],
): BodsGraph {
  const parties = new Map<string, BodsPartyOperation>();
  const relationships = new Map<string, BodsRelationshipOperation>();
  for (const operation of operations) {
    if (operation.op === 'upsertParty') {
      parties.set(operation.recordId, operation);
    } else {
      relationships.set(operation.recordId, operation);
    }
  }
  return {
    parties: [...parties.values()],
    relationships: [...relationships.values()],
  };
}
