import type { EntityIdentifier } from '@quorum/contracts';

/**
 * Normalised identifier keys (`SCHEME:ID`) of a party, for entity resolution. BODS record ids are
 * per declaration network, so the same company can arrive under several recordIds; two parties
 * sharing any key are the same party (reference/ownership.md §2.6, checklist 2.9 item 4).
 *
 * Normalisation: scheme and id are trimmed and upper-cased, and whitespace inside the id is
 * removed, because registers print the same number as "sc 123 456" and "SC123456". Names are
 * never used as keys: they are not unique.
 */
export function resolvePartyKey(party: {
  identifiers: readonly EntityIdentifier[];
}): string[] {
  const keys = new Set<string>();
  for (const { scheme, id } of party.identifiers) {
    const normalScheme = scheme.trim().toUpperCase();
    const normalId = id.replace(/\s+/g, '').toUpperCase();
    if (normalScheme !== '' && normalId !== '')
      keys.add(`${normalScheme}:${normalId}`);
  }
  return [...keys];
}

/**
 * Groups parties that share an identifier key, transitively (A~B by LEI and B~C by a register
 * number puts A, B and C together). Returns each party's recordId → the recordId of its group's
 * canonical party, which is the first of the group in input order. Parties without identifiers
 * map to themselves.
 */
export function groupPartiesByIdentity(
  parties: readonly {
    recordId: string;
    identifiers: readonly EntityIdentifier[];
  }[],
): Map<string, string> {
  // Union-find over positions; the smaller position is always the root, so the canonical party
  // is the earliest one.
  const parent = parties.map((_, i) => i);
  const find = (start: number): number => {
    let root = start;
    while (parent[root] !== root) root = parent[root];
    for (let node = start; parent[node] !== root; ) {
      const next = parent[node];
      parent[node] = root;
      node = next;
    }
    return root;
  };
  const ownerOfKey = new Map<string, number>();
  parties.forEach((party, i) => {
    for (const key of resolvePartyKey(party)) {
      const owner = ownerOfKey.get(key);
      if (owner === undefined) {
        ownerOfKey.set(key, i);
        continue;
      }
      const [a, b] = [find(owner), find(i)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const canonical = new Map<string, string>();
  parties.forEach((party, i) => {
    if (!canonical.has(party.recordId))
      canonical.set(party.recordId, parties[find(i)].recordId);
  });
  return canonical;
}
