// Test-only builders for ownership graphs (not exported from index.ts).
import {
  BodsShare,
  EffectiveOwnerView,
  EntityKind,
  InterestType,
} from '@quorum/contracts';
import {
  OwnershipGraph,
  OwnershipGraphOptions,
  OwnershipNode,
  OwnershipStatement,
} from './graph';

export interface InterestOptions {
  id?: string;
  start?: string | null;
  end?: string | null;
  details?: string;
  indirect?: boolean;
}

/** Share shorthand: a number is `exact`, null is "no share published". */
export type ShareInput = number | BodsShare | null;

/**
 * Fluent builder: `graph().holds('L', 'H', 40).interest('S', 'M', 'otherInfluenceOrControl').build()`.
 * Referenced ids that were not declared become companies.
 */
export class GraphBuilder {
  private readonly nodes = new Map<string, OwnershipNode>();
  private readonly statements: OwnershipStatement[] = [];

  entity(id: string, kind: EntityKind = 'company', name = id): this {
    this.nodes.set(id, { id, name, kind });
    return this;
  }

  person(id: string, name = id): this {
    return this.entity(id, 'person', name);
  }

  /** Economic shareholding. */
  holds(
    party: string,
    subject: string,
    share: ShareInput,
    opts: InterestOptions = {},
  ): this {
    return this.interest(party, subject, 'shareholding', share, opts);
  }

  votes(
    party: string,
    subject: string,
    share: ShareInput,
    opts: InterestOptions = {},
  ): this {
    return this.interest(party, subject, 'votingRights', share, opts);
  }

  interest(
    party: string,
    subject: string,
    type: InterestType,
    share: ShareInput = null,
    opts: InterestOptions = {},
  ): this {
    for (const id of [party, subject]) if (!this.nodes.has(id)) this.entity(id);
    this.statements.push({
      id: opts.id ?? `${type}:${party}->${subject}#${this.statements.length}`,
      interestedPartyId: party,
      subjectId: subject,
      type,
      share: typeof share === 'number' ? { exact: share } : share,
      startDate: opts.start ?? null,
      endDate: opts.end ?? null,
      details: opts.details ?? null,
      ...(opts.indirect ? { directOrIndirect: 'indirect' as const } : {}),
    });
    return this;
  }

  build(asOf = '2025-07-01', options?: OwnershipGraphOptions): OwnershipGraph {
    return OwnershipGraph.build(
      [...this.nodes.values()],
      [...this.statements],
      asOf,
      options,
    );
  }
}

export function graph(): GraphBuilder {
  return new GraphBuilder();
}

/** The view of one party in a list, failing loudly when it is missing. */
export function ownerOf(
  views: EffectiveOwnerView[],
  id: string,
): EffectiveOwnerView {
  const v = views.find((x) => x.entityId === id);
  if (!v)
    throw new Error(
      `${id} not among owners: ${views.map((x) => x.entityId).join(', ')}`,
    );
  return v;
}

/** Deterministic PRNG (mulberry32) for generated graphs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
