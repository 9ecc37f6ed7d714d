import {
  BodsShare,
  DirectOrIndirect,
  EntityKind,
  INTEREST_CATEGORY,
  InterestType,
} from '@quorum/contracts';
import { combineSameInterest, readShare, ShareBounds } from './share';

export interface OwnershipNode {
  id: string;
  name: string;
  kind: EntityKind;
}

export interface OwnershipStatement {
  id: string;
  interestedPartyId: string;
  subjectId: string;
  type: InterestType;
  share: BodsShare | null;
  startDate: string | null;
  endDate: string | null;
  details: string | null;
  /**
   * BODS `directOrIndirect`. An `indirect` statement is a declared look-through claim (e.g. a
   * primary record "Person 1 holds 30% indirectly"): it is kept in `declaredIndirect` for
   * comparison but never used in a figure, which must come from the direct edges alone.
   * Absent or `unknown` counts as direct.
   */
  directOrIndirect?: DirectOrIndirect;
}

export interface OwnershipGraphOptions {
  /**
   * Treat `otherInfluenceOrControl` as control (default true). BODS gives it no share, and the
   * Finnish SOE example uses it for State → Ministry, which is plainly control. Screening errs
   * on the side of a reviewer looking at it.
   */
  otherInfluenceOrControlIsControl?: boolean;
  /** Treat `controlViaCompanyRulesOrArticles` / `controlByLegalFramework` as control (default true). */
  constitutionalControlIsControl?: boolean;
}

/** One holding of a party in a subject after combining its statements (percent). */
export interface EconomicHolding {
  partyId: string;
  subjectId: string;
  /** Lower bound; 0 when unknown. */
  min: number;
  /** Upper bound; the subject's residual when unknown or open-ended. */
  max: number;
  /** False when no statement of the pair publishes any figure. */
  known: boolean;
  interestId: string;
  type: InterestType;
}

/** Compressed adjacency: the items of key k are items[start[k] .. start[k+1]). */
export interface Adjacency {
  start: Int32Array;
  items: Int32Array;
}

/** Economic holdings, one per (party, subject) pair; shares as fractions 0..1. */
export interface EconomicEdges {
  count: number;
  from: Int32Array;
  to: Int32Array;
  min: Float64Array;
  max: Float64Array;
  known: Uint8Array;
  /** Statement shown as evidence for the pair (the one with the largest upper bound). */
  stmt: Int32Array;
  out: Adjacency;
  in: Adjacency;
}

/** Votes of a party in a subject, one per pair (percent). */
export interface VoteEdges {
  count: number;
  from: Int32Array;
  to: Int32Array;
  min: Float64Array;
  max: Float64Array;
  known: Uint8Array;
  stmt: Int32Array;
  in: Adjacency;
}

/** controls(from, to); `votes` edges carry the vote range, other control types NaN. */
export interface ControlEdges {
  count: number;
  from: Int32Array;
  to: Int32Array;
  stmt: Int32Array;
  min: Float64Array;
  max: Float64Array;
  out: Adjacency;
  in: Adjacency;
}

const BOARD_ROLES: ReadonlySet<InterestType> = new Set<InterestType>([
  'boardMember',
  'boardChair',
  'seniorManagingOfficial',
]);

export function isBoardRole(type: InterestType): boolean {
  return BOARD_ROLES.has(type);
}

/**
 * Interest graph as of one date, with every adjacency the computations need built once.
 * Immutable after build; safe to share between requests.
 */
export class OwnershipGraph {
  /** Statements whose party or subject is not among the nodes; left out of every figure. */
  readonly skippedStatements: readonly OwnershipStatement[];
  /** In-force statements marked `indirect`: declared claims, not edges (see OwnershipStatement). */
  readonly declaredIndirect: readonly OwnershipStatement[];
  /** Statement indices by subject and by interested party (all in-force statements). */
  readonly bySubject: Adjacency;
  readonly byParty: Adjacency;
  readonly stmtParty: Int32Array;
  readonly stmtSubject: Int32Array;
  readonly econ: EconomicEdges;
  readonly votes: VoteEdges;
  readonly control: ControlEdges;
  private readonly index: ReadonlyMap<string, number>;

  private constructor(
    readonly asOf: string,
    readonly nodes: readonly OwnershipNode[],
    readonly statements: readonly OwnershipStatement[],
    skipped: OwnershipStatement[],
    declaredIndirect: OwnershipStatement[],
    index: Map<string, number>,
    options: Required<OwnershipGraphOptions>,
  ) {
    this.index = index;
    this.skippedStatements = skipped;
    this.declaredIndirect = declaredIndirect;
    const n = nodes.length;
    const m = statements.length;
    this.stmtParty = new Int32Array(m);
    this.stmtSubject = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const s = statements[i];
      this.stmtParty[i] = index.get(s.interestedPartyId) ?? -1;
      this.stmtSubject[i] = index.get(s.subjectId) ?? -1;
    }
    const all = Int32Array.from({ length: m }, (_, i) => i);
    this.bySubject = groupBy(n, all, this.stmtSubject);
    this.byParty = groupBy(n, all, this.stmtParty);
    this.econ = this.buildEconomic();
    this.votes = this.buildVotes();
    this.control = this.buildControl(options);
  }

  /**
   * Keeps the statements in force on `asOf` (YYYY-MM-DD): started on or before it and not yet
   * ended (an interest ending on `asOf` is over that day).
   */
  static build(
    nodes: OwnershipNode[],
    statements: OwnershipStatement[],
    asOf: string,
    options: OwnershipGraphOptions = {},
  ): OwnershipGraph {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      throw new RangeError(`asOf must be YYYY-MM-DD, got "${asOf}"`);
    const kept: OwnershipNode[] = [];
    const index = new Map<string, number>();
    for (const node of nodes) {
      if (index.has(node.id)) continue; // first occurrence wins; resolution happens upstream
      index.set(node.id, kept.length);
      kept.push(node);
    }
    const inForce: OwnershipStatement[] = [];
    const skipped: OwnershipStatement[] = [];
    const declared: OwnershipStatement[] = [];
    for (const s of statements) {
      if (!isInForce(s, asOf)) continue;
      if (!index.has(s.interestedPartyId) || !index.has(s.subjectId))
        skipped.push(s);
      else if (s.directOrIndirect === 'indirect') declared.push(s);
      else inForce.push(s);
    }
    return new OwnershipGraph(asOf, kept, inForce, skipped, declared, index, {
      otherInfluenceOrControlIsControl:
        options.otherInfluenceOrControlIsControl ?? true,
      constitutionalControlIsControl:
        options.constitutionalControlIsControl ?? true,
    });
  }

  get size(): number {
    return this.nodes.length;
  }

  /** Dense index of an entity id, or -1. */
  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** The combined economic holdings the computation uses, in percent (for audit and tests). */
  economicHoldings(): EconomicHolding[] {
    const e = this.econ;
    const out: EconomicHolding[] = [];
    for (let i = 0; i < e.count; i++) {
      const s = this.statements[e.stmt[i]];
      out.push({
        partyId: this.nodes[e.from[i]].id,
        subjectId: this.nodes[e.to[i]].id,
        min: e.min[i] * 100,
        max: e.max[i] * 100,
        known: e.known[i] === 1,
        interestId: s.id,
        type: s.type,
      });
    }
    return out;
  }

  private buildEconomic(): EconomicEdges {
    const pairs = this.pairsOf(
      (type) => INTEREST_CATEGORY[type] === 'economic',
    );
    const res = resolvePairs(this, pairs, null, this.nodes.length);
    const min = Float64Array.from(res.min, (v) => v / 100);
    const max = Float64Array.from(res.max, (v) => v / 100);
    return {
      count: res.count,
      from: res.from,
      to: res.to,
      min,
      max,
      known: res.known,
      stmt: res.stmt,
      out: groupBy(this.nodes.length, range(res.count), res.from),
      in: groupBy(this.nodes.length, range(res.count), res.to),
    };
  }

  /**
   * Votes follow `votingRights` when any such statement exists for the pair; otherwise they
   * follow `shareholding`, because ordinary shares carry votes unless a statement says
   * otherwise (Meta → Scale: shareholding 49 + votingRights 0 → 0 votes).
   */
  private buildVotes(): VoteEdges {
    const n = this.nodes.length;
    const voting = this.pairsOf((type) => type === 'votingRights');
    const shares = this.pairsOf((type) => type === 'shareholding');
    // Shareholding pairs count only where the pair has no votingRights statement.
    const votingBySubject = groupBy(n, range(voting.count), voting.subject);
    const sharesKept = new Uint8Array(shares.count).fill(1);
    for (let q = 0; q < shares.count; q++) {
      const subject = shares.subject[q];
      for (
        let j = votingBySubject.start[subject];
        j < votingBySubject.start[subject + 1];
        j++
      )
        if (voting.party[votingBySubject.items[j]] === shares.party[q])
          sharesKept[q] = 0;
    }
    const res = resolvePairs(
      this,
      voting,
      { groups: shares, kept: sharesKept },
      n,
      true,
    );
    return { ...res, in: groupBy(this.nodes.length, range(res.count), res.to) };
  }

  private buildControl(options: Required<OwnershipGraphOptions>): ControlEdges {
    const from: number[] = [];
    const to: number[] = [];
    const stmt: number[] = [];
    const min: number[] = [];
    const max: number[] = [];
    const seen = new Set<number>();
    const n = this.nodes.length;
    const add = (
      p: number,
      s: number,
      st: number,
      lo: number,
      hi: number,
    ): void => {
      const key = p * n + s;
      if (p === s || seen.has(key)) return; // one edge per pair is enough for the closure
      seen.add(key);
      from.push(p);
      to.push(s);
      stmt.push(st);
      min.push(lo);
      max.push(hi);
    };
    // Majority of votes first, so a pair with both shows the vote figure as evidence.
    const v = this.votes;
    for (let i = 0; i < v.count; i++)
      if (v.min[i] > 50) add(v.from[i], v.to[i], v.stmt[i], v.min[i], v.max[i]);
    for (let i = 0; i < this.statements.length; i++) {
      const type = this.statements[i].type;
      const isControl =
        type === 'appointmentOfBoard' ||
        (options.otherInfluenceOrControlIsControl &&
          type === 'otherInfluenceOrControl') ||
        (options.constitutionalControlIsControl &&
          (type === 'controlViaCompanyRulesOrArticles' ||
            type === 'controlByLegalFramework'));
      if (isControl) add(this.stmtParty[i], this.stmtSubject[i], i, NaN, NaN);
    }
    const count = from.length;
    const fromA = Int32Array.from(from);
    const toA = Int32Array.from(to);
    return {
      count,
      from: fromA,
      to: toA,
      stmt: Int32Array.from(stmt),
      min: Float64Array.from(min),
      max: Float64Array.from(max),
      out: groupBy(n, range(count), fromA),
      in: groupBy(n, range(count), toA),
    };
  }

  /**
   * Statement indices grouped by (party, subject) pair, for the types accepted; pairs in the
   * order of their first statement. Grouped through the subject adjacency with a scratch array
   * per party, not a Map keyed by party·n + subject (too big for small-integer keys).
   */
  private pairsOf(accept: (type: InterestType) => boolean): PairGroups {
    const n = this.nodes.length;
    const m = this.statements.length;
    const pairOf = new Int32Array(m).fill(-1);
    const firstOf: number[] = [];
    const slot = new Int32Array(n).fill(-1);
    const by = this.bySubject;
    for (let subject = 0; subject < n; subject++) {
      const from = by.start[subject];
      const to = by.start[subject + 1];
      if (from === to) continue;
      for (let j = from; j < to; j++) {
        const i = by.items[j];
        if (!accept(this.statements[i].type)) continue;
        const party = this.stmtParty[i];
        if (slot[party] < 0) {
          slot[party] = firstOf.length;
          firstOf.push(i); // statements of a subject come in index order
        }
        pairOf[i] = slot[party];
      }
      for (let j = from; j < to; j++) slot[this.stmtParty[by.items[j]]] = -1;
    }
    // Renumber the pairs by first statement.
    const count = firstOf.length;
    const byFirst = new Int32Array(m).fill(-1);
    for (let q = 0; q < count; q++) byFirst[firstOf[q]] = q;
    const renumber = new Int32Array(count);
    for (let i = 0, next = 0; i < m; i++)
      if (byFirst[i] >= 0) renumber[byFirst[i]] = next++;
    const party = new Int32Array(count);
    const subject = new Int32Array(count);
    const start = new Int32Array(count + 1);
    for (let i = 0; i < m; i++) {
      if (pairOf[i] < 0) continue;
      const q = renumber[pairOf[i]];
      pairOf[i] = q;
      party[q] = this.stmtParty[i];
      subject[q] = this.stmtSubject[i];
      start[q + 1]++;
    }
    for (let q = 0; q < count; q++) start[q + 1] += start[q];
    const fill = start.slice(0, count);
    const stmts = new Int32Array(start[count]);
    for (let i = 0; i < m; i++)
      if (pairOf[i] >= 0) stmts[fill[pairOf[i]]++] = i;
    return { count, party, subject, start, stmts };
  }
}

/** Statements grouped by (party, subject): the statements of pair q are stmts[start[q] .. start[q+1]). */
interface PairGroups {
  count: number;
  party: Int32Array;
  subject: Int32Array;
  start: Int32Array;
  stmts: Int32Array;
}

export function isInForce(
  s: Pick<OwnershipStatement, 'startDate' | 'endDate'>,
  asOf: string,
): boolean {
  // Only the date part matters; a timestamp is cut to its day.
  if (s.startDate !== null && s.startDate.slice(0, 10) > asOf) return false;
  if (s.endDate !== null && s.endDate.slice(0, 10) <= asOf) return false;
  return true;
}

interface ResolvedPairs {
  count: number;
  from: Int32Array;
  to: Int32Array;
  min: Float64Array;
  max: Float64Array;
  known: Uint8Array;
  stmt: Int32Array;
}

/**
 * Turns grouped statements into one bounded figure per pair (percent). Unknown upper bounds
 * become the residual 100 − Σ known minimums of the subject's other holders (clamped ≥ 0):
 * the most the pair can hold if everybody else holds their minimum.
 */
function resolvePairs(
  graph: OwnershipGraph,
  pairs: PairGroups,
  extra: { groups: PairGroups; kept: Uint8Array } | null,
  n: number,
  skipSelf = false,
): ResolvedPairs {
  const from: number[] = [];
  const to: number[] = [];
  const bounds: Array<ShareBounds | null> = [];
  const stmt: number[] = [];
  const minSum = new Float64Array(n);
  const add = (groups: PairGroups, q: number): void => {
    const party = groups.party[q];
    const subject = groups.subject[q];
    if (skipSelf && party === subject) return; // a company's votes in itself control nothing
    const shares: Array<ShareBounds | null> = [];
    let best = groups.stmts[groups.start[q]];
    let bestMax = -1;
    for (let j = groups.start[q]; j < groups.start[q + 1]; j++) {
      const i = groups.stmts[j];
      const share = readShare(
        graph.statements[i].type,
        graph.statements[i].share,
      );
      shares.push(share);
      const hi = share === null ? -1 : (share.max ?? 100);
      if (hi > bestMax) {
        bestMax = hi;
        best = i;
      }
    }
    const b = combineSameInterest(shares);
    from.push(party);
    to.push(subject);
    bounds.push(b);
    stmt.push(best);
    if (b !== null) minSum[subject] += b.min;
  };
  for (let q = 0; q < pairs.count; q++) add(pairs, q);
  if (extra)
    for (let q = 0; q < extra.groups.count; q++)
      if (extra.kept[q] === 1) add(extra.groups, q);
  const count = from.length;
  const min = new Float64Array(count);
  const max = new Float64Array(count);
  const known = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const b = bounds[i];
    const lo = b === null ? 0 : b.min;
    const residual = Math.min(100, Math.max(0, 100 - (minSum[to[i]] - lo)));
    min[i] = lo;
    max[i] = b !== null && b.max !== null ? b.max : Math.max(lo, residual);
    known[i] = b === null ? 0 : 1;
  }
  return {
    count,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    min,
    max,
    known,
    stmt: Int32Array.from(stmt),
  };
}

function range(count: number): Int32Array {
  const r = new Int32Array(count);
  for (let i = 0; i < count; i++) r[i] = i;
  return r;
}

/** Counting sort of `items` by `keyOf[item]` into an adjacency; negative keys are dropped. */
export function groupBy(
  keys: number,
  items: Int32Array,
  keyOf: Int32Array,
): Adjacency {
  const start = new Int32Array(keys + 1);
  for (const it of items) {
    const k = keyOf[it];
    if (k >= 0) start[k + 1]++;
  }
  for (let k = 0; k < keys; k++) start[k + 1] += start[k];
  const fill = start.slice(0, keys);
  const out = new Int32Array(start[keys]);
  for (const it of items) {
    const k = keyOf[it];
    if (k >= 0) out[fill[k]++] = it;
  }
  return { start, items: out };
}
