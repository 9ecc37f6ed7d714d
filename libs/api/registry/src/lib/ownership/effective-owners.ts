import {
  AgreementView,
  BoardSeatView,
  EffectiveOwnerView,
  INTEREST_CATEGORY,
  InterestType,
  OwnershipPathStep,
  PercentRange,
} from '@quorum/contracts';
import { analyseSubject, hasBit, SubjectAnalysis } from './analysis';
import { isBoardRole, OwnershipGraph } from './graph';
import { percent, round } from './numbers';
import {
  economicStep,
  PathTable,
  pathTable,
  stepsFromTable,
  topEconomicPaths,
} from './paths';

export interface EffectiveOwnersOptions {
  /** Evidence paths per party (default 5; 0 for none). */
  maxPaths?: number;
  /**
   * Only these parties (entity ids), when related; the figures are the same as in the full
   * listing. Conflict evaluation asks for its competitors only.
   */
  among?: Iterable<string>;
}

const DEFAULT_MAX_PATHS = 5;

/**
 * Every party with an economic, voting, board or contract link to the subject, direct or
 * through its control group, sorted by economic upper bound (desc). The subject itself is not
 * listed (its self-holding through cycles is already redistributed in the others' figures).
 */
export function effectiveOwners(
  graph: OwnershipGraph,
  subjectId: string,
  opts: EffectiveOwnersOptions = {},
): EffectiveOwnerView[] {
  const subject = requireNode(graph, subjectId);
  const a = analyseSubject(graph, subject);
  const maxPaths = opts.maxPaths ?? DEFAULT_MAX_PATHS;
  const views: EffectiveOwnerView[] = [];
  let parties: Iterable<number> | null = null;
  let tables = a.paths;
  if (opts.among !== undefined) {
    const wanted = new Set<number>();
    for (const id of opts.among) {
      const p = graph.indexOf(id);
      if (p >= 0) wanted.add(p);
    }
    parties = wanted;
    // A few parties: their walks are settled long before the whole table is (same entries).
    const locals = [...wanted]
      .map((p) => a.economic.local[p])
      .filter((u) => u >= 0);
    let partial: PathTable | null = null;
    tables = (k) => (partial ??= pathTable(graph, a.economic, k, locals));
  }
  for (const p of parties ?? allNodes(graph.size)) {
    if (p === subject) continue;
    const related =
      a.economic.local[p] >= 0 ||
      a.membersOf(p) !== null ||
      a.controlsEconomicOwner[p] === 1;
    if (related) views.push(viewOf(graph, a, p, maxPaths, tables));
  }
  return views.sort(byRelevance);
}

function* allNodes(n: number): Iterable<number> {
  for (let p = 0; p < n; p++) yield p;
}

/** The same figures as effectiveOwners for one party; zeros and empty lists when unrelated. */
export function effectiveInterest(
  graph: OwnershipGraph,
  partyId: string,
  subjectId: string,
  opts: EffectiveOwnersOptions = {},
): EffectiveOwnerView {
  const party = requireNode(graph, partyId);
  const subject = requireNode(graph, subjectId);
  return viewOf(
    graph,
    analyseSubject(graph, subject),
    party,
    opts.maxPaths ?? DEFAULT_MAX_PATHS,
  );
}

function requireNode(graph: OwnershipGraph, id: string): number {
  const i = graph.indexOf(id);
  if (i < 0) throw new RangeError(`unknown entity ${id}`);
  return i;
}

function viewOf(
  graph: OwnershipGraph,
  a: SubjectAnalysis,
  party: number,
  maxPaths: number,
  tables: (k: number) => PathTable = a.paths,
): EffectiveOwnerView {
  const subject = a.subject;
  const node = graph.nodes[party];
  const bits = a.membersOf(party);
  // True when v is the party or in its control group (only meaningful for v in R).
  const member = (v: number): boolean =>
    v === party || (bits !== null && hasBit(bits, a.relevantBit[v]));

  const u = a.economic.local[party];
  let economic: PercentRange | null = { min: 0, max: 0 };
  if (u >= 0)
    economic = {
      min: percent(a.economic.min[u]),
      max: percent(a.economic.max[u]),
    };
  else if (a.controlsEconomicOwner[party] === 1) economic = null;

  const voting = votingOf(graph, subject, member);
  const controls =
    party !== subject &&
    (voting.min > 50 ||
      (bits !== null && hasBit(bits, a.relevantBit[subject])));
  const seats = seatsOf(graph, a, party, member);
  const agreements = agreementsOf(graph, a, member);

  let paths: OwnershipPathStep[][] = [];
  if (maxPaths > 0) {
    // The shared table answers almost every party; a party whose best walks repeat a node
    // gets the exact per-party search of simple paths.
    const table = u >= 0 ? tables(maxPaths) : null;
    if (table !== null && table.exact[u] === 1)
      paths = stepsFromTable(graph, table, u);
    else if (table !== null)
      paths = topEconomicPaths(
        graph,
        a.economic,
        a.bestProduct,
        party,
        maxPaths,
      ).map((edges) => edges.map((edge) => economicStep(graph, edge)));
    if (paths.length === 0) {
      const chain = controlChain(graph, a, party);
      if (chain !== null && chain.length > 0) paths = [chain];
    }
  }

  return {
    entityId: node.id,
    name: node.name,
    kind: node.kind,
    economic,
    voting,
    controls,
    boardSeats: new Set(seats.map((s) => s.personId)).size,
    seats,
    agreements,
    paths,
    cyclic: u >= 0 && a.economic.cyclic[u] === 1,
  };
}

/** Σ of the direct votes in V of the party and its control group; voting does not multiply. */
function votingOf(
  graph: OwnershipGraph,
  subject: number,
  member: (v: number) => boolean,
): PercentRange {
  const v = graph.votes;
  let min = 0;
  let max = 0;
  for (let j = v.in.start[subject]; j < v.in.start[subject + 1]; j++) {
    const edge = v.in.items[j];
    if (!member(v.from[edge])) continue;
    min += v.min[edge];
    max += v.max[edge];
  }
  return { min: round(Math.min(100, min)), max: round(Math.min(100, max)) };
}

const ROLE_RANK: Partial<Record<InterestType, number>> = {
  boardChair: 0,
  boardMember: 1,
  seniorManagingOfficial: 2,
};

/**
 * V's board seats tied to the party: held by the party itself (via null), by a member of its
 * control group (via = the control statement that brings it in), or by a person who is also a
 * director/officer of the party or of a group entity (via = that role statement). One entry per
 * seat holder, with the holder's most senior role in V and the closest tie.
 */
function seatsOf(
  graph: OwnershipGraph,
  a: SubjectAnalysis,
  party: number,
  member: (v: number) => boolean,
): BoardSeatView[] {
  if (a.boardStatements.length === 0) return [];
  const ctl = graph.control;
  const best = new Map<
    number,
    { seat: BoardSeatView; roleRank: number; tieRank: number }
  >();
  for (const i of a.boardStatements) {
    const holder = graph.stmtParty[i];
    const role = graph.statements[i].type;
    let tieRank = Infinity;
    let via: BoardSeatView['via'] = null;
    if (holder === party) {
      tieRank = 0;
    } else if (member(holder)) {
      for (let j = ctl.in.start[holder]; j < ctl.in.start[holder + 1]; j++) {
        const edge = ctl.in.items[j];
        if (!member(ctl.from[edge])) continue;
        const s = graph.statements[ctl.stmt[edge]];
        tieRank = 1;
        via = {
          interestId: s.id,
          entityId: graph.nodes[ctl.from[edge]].id,
          type: s.type,
        };
        break;
      }
    } else if (graph.nodes[holder].kind === 'person') {
      for (
        let j = graph.byParty.start[holder];
        j < graph.byParty.start[holder + 1];
        j++
      ) {
        const r = graph.byParty.items[j];
        const s = graph.statements[r];
        const entity = graph.stmtSubject[r];
        if (!isBoardRole(s.type) || !member(entity)) continue;
        const rank = entity === party ? 2 : 3;
        if (rank < tieRank) {
          tieRank = rank;
          via = {
            interestId: s.id,
            entityId: graph.nodes[entity].id,
            type: s.type,
          };
        }
      }
    }
    if (tieRank === Infinity) continue;
    const roleRank = ROLE_RANK[role] ?? 9;
    const prev = best.get(holder);
    if (!prev) {
      best.set(holder, {
        seat: { personId: graph.nodes[holder].id, role, via },
        roleRank,
        tieRank,
      });
      continue;
    }
    if (roleRank < prev.roleRank) {
      prev.roleRank = roleRank;
      prev.seat.role = role;
    }
    if (tieRank < prev.tieRank) {
      prev.tieRank = tieRank;
      prev.seat.via = via;
    }
  }
  return [...best.values()].map((b) => b.seat);
}

/** Contract statements between V and the party or its control group, either direction. */
function agreementsOf(
  graph: OwnershipGraph,
  a: SubjectAnalysis,
  member: (v: number) => boolean,
): AgreementView[] {
  const out: AgreementView[] = [];
  for (const i of a.contractStatements) {
    const party = graph.stmtParty[i];
    const counterparty = party === a.subject ? graph.stmtSubject[i] : party;
    if (!member(counterparty)) continue;
    const s = graph.statements[i];
    out.push({
      interestId: s.id,
      from: s.interestedPartyId,
      to: s.subjectId,
      type: s.type,
      details: s.details,
    });
  }
  return out;
}

/**
 * For a party without an economic path: its shortest control chain (fewest control hops) to
 * a node with a direct link to V, then that link. Steps follow statement direction, so an
 * interlock ends with person → entity (role) and person → V (role).
 */
function controlChain(
  graph: OwnershipGraph,
  a: SubjectAnalysis,
  party: number,
): OwnershipPathStep[] | null {
  if (a.chainNext[party] === -2) return null;
  const ctl = graph.control;
  const steps: OwnershipPathStep[] = [];
  let v = party;
  while (a.chainNext[v] >= 0) {
    const edge = a.chainNext[v];
    const s = graph.statements[ctl.stmt[edge]];
    steps.push({
      from: graph.nodes[ctl.from[edge]].id,
      to: graph.nodes[ctl.to[edge]].id,
      type: s.type,
      share: Number.isNaN(ctl.min[edge])
        ? null
        : { min: round(ctl.min[edge]), max: round(ctl.max[edge]) },
      interestId: s.id,
    });
    v = ctl.to[edge];
  }
  return [...steps, ...finalSteps(graph, a, v)];
}

/** Priority of a direct link when choosing which one to show: control, votes, economic, board, contract. */
function linkRank(type: InterestType): number {
  switch (INTEREST_CATEGORY[type]) {
    case 'voting':
      return type === 'votingRights' ? 1 : 0;
    case 'economic':
      return 2;
    case 'board':
      return 3;
    case 'contract':
      return 4;
    default:
      return 9;
  }
}

/** How a chain target reaches V: nothing (it is V), a direct statement, an interlock, or an economic path. */
function finalSteps(
  graph: OwnershipGraph,
  a: SubjectAnalysis,
  target: number,
): OwnershipPathStep[] {
  const subject = a.subject;
  if (target === subject) return [];
  let direct = -1;
  const consider = (i: number): void => {
    if (linkRank(graph.statements[i].type) >= 9) return;
    if (
      direct < 0 ||
      linkRank(graph.statements[i].type) <
        linkRank(graph.statements[direct].type)
    )
      direct = i;
  };
  for (
    let j = graph.byParty.start[target];
    j < graph.byParty.start[target + 1];
    j++
  ) {
    const i = graph.byParty.items[j];
    if (graph.stmtSubject[i] === subject) consider(i);
  }
  for (const i of a.contractStatements)
    if (graph.stmtSubject[i] === target) consider(i);
  if (direct >= 0) return [statementStep(graph, direct)];

  for (const i of a.boardStatements) {
    const person = graph.stmtParty[i];
    for (
      let j = graph.byParty.start[person];
      j < graph.byParty.start[person + 1];
      j++
    ) {
      const r = graph.byParty.items[j];
      if (
        graph.stmtSubject[r] === target &&
        isBoardRole(graph.statements[r].type)
      ) {
        return [statementStep(graph, r), statementStep(graph, i)];
      }
    }
  }
  const [best] = topEconomicPaths(graph, a.economic, a.bestProduct, target, 1);
  return best ? best.map((edge) => economicStep(graph, edge)) : [];
}

/** Step for one statement; the share is the resolved pair figure for votes and economic links. */
function statementStep(graph: OwnershipGraph, i: number): OwnershipPathStep {
  const s = graph.statements[i];
  const party = graph.stmtParty[i];
  const subject = graph.stmtSubject[i];
  let share: PercentRange | null = null;
  if (INTEREST_CATEGORY[s.type] === 'economic') {
    const e = graph.econ;
    for (let j = e.out.start[party]; j < e.out.start[party + 1]; j++) {
      const edge = e.out.items[j];
      if (e.to[edge] === subject && e.known[edge] === 1)
        share = {
          min: round(e.min[edge] * 100),
          max: round(e.max[edge] * 100),
        };
    }
  } else if (s.type === 'votingRights') {
    const v = graph.votes;
    for (let j = v.in.start[subject]; j < v.in.start[subject + 1]; j++) {
      const edge = v.in.items[j];
      if (v.from[edge] === party && v.known[edge] === 1)
        share = { min: round(v.min[edge]), max: round(v.max[edge]) };
    }
  }
  return {
    from: s.interestedPartyId,
    to: s.subjectId,
    type: s.type,
    share,
    interestId: s.id,
  };
}

/** Same order as localeCompare without arguments, without building a collator per call. */
const names = new Intl.Collator();

function byRelevance(x: EffectiveOwnerView, y: EffectiveOwnerView): number {
  return (
    (y.economic?.max ?? 0) - (x.economic?.max ?? 0) ||
    Number(y.controls) - Number(x.controls) ||
    y.voting.max - x.voting.max ||
    y.boardSeats - x.boardSeats ||
    names.compare(x.name, y.name) ||
    (x.entityId < y.entityId ? -1 : x.entityId > y.entityId ? 1 : 0)
  );
}
