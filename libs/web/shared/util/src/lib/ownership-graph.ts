import type {
  BodsShare,
  EffectiveOwnerView,
  EntityKind,
  InterestType,
  InterestView,
  PercentRange,
} from '@quorum/contracts';
import { formatShare, interestTypeLabel } from './neutrality-format';

export type OwnershipNodeKind = EntityKind | 'unknown';

export interface EntityRef {
  id: string;
  name: string;
  kind: OwnershipNodeKind;
}

export interface OwnershipGraphNode {
  id: string;
  label: string;
  kind: OwnershipNodeKind;
  /** The entity being looked at, one of its effective owners, or a node only seen on a path. */
  role: 'subject' | 'owner' | 'intermediate';
}

export interface OwnershipGraphEdge {
  id: string;
  /** The interested party (owner). */
  source: string;
  /** The subject of the interest (owned). */
  target: string;
  type: InterestType;
  /** "Shareholding 15–21%", or the type alone when the interest carries no share. */
  label: string;
  /** True when the edge lies on a cycle of the drawn graph (a cross-holding). */
  cyclic: boolean;
}

export interface OwnershipGraphElements {
  nodes: OwnershipGraphNode[];
  edges: OwnershipGraphEdge[];
  hasCycle: boolean;
}

export interface OwnershipGraphOptions {
  /**
   * Statements around the subject (GET /interests?entityId=). Those linking two drawn nodes are
   * drawn too: paths are simple, so the edge that closes a cycle is only known from here.
   */
  interests?: readonly InterestView[];
  /** Names of nodes that are neither the subject nor an owner (from GET /entities/{id}). */
  names?: ReadonlyMap<string, EntityRef>;
}

/** Is the statement in force on `asOf` (YYYY-MM-DD)? Same rule as the server: start ≤ asOf < end. */
export function interestInForce(interest: InterestView, asOf: string): boolean {
  const start = interest.startDate?.slice(0, 10);
  const end = interest.endDate?.slice(0, 10);
  return (!start || start <= asOf) && (!end || end > asOf);
}

function edgeLabel(type: InterestType, share: PercentRange | BodsShare | null) {
  const text = interestTypeLabel(type);
  return share ? `${text} ${formatShare(share)}` : text;
}

/**
 * Nodes and edges for the ownership graph of `subject`: the subject, each effective owner, every
 * node on their paths, and one edge per (party, subject, type) seen on a path or in `interests`.
 */
export function buildOwnershipGraph(
  subject: EntityRef,
  owners: readonly EffectiveOwnerView[],
  options: OwnershipGraphOptions = {},
): OwnershipGraphElements {
  const nodes = new Map<string, OwnershipGraphNode>();
  nodes.set(subject.id, {
    id: subject.id,
    label: subject.name,
    kind: subject.kind,
    role: 'subject',
  });
  for (const owner of owners) {
    if (!nodes.has(owner.entityId))
      nodes.set(owner.entityId, {
        id: owner.entityId,
        label: owner.name,
        kind: owner.kind,
        role: 'owner',
      });
  }
  const ensure = (id: string) => {
    if (nodes.has(id)) return;
    const known = options.names?.get(id);
    nodes.set(id, {
      id,
      label: known?.name ?? `Entity ${id.slice(0, 8)}`,
      kind: known?.kind ?? 'unknown',
      role: 'intermediate',
    });
  };

  const edges = new Map<string, Omit<OwnershipGraphEdge, 'cyclic'>>();
  const addEdge = (
    source: string,
    target: string,
    type: InterestType,
    share: PercentRange | BodsShare | null,
  ) => {
    const id = `${source}|${target}|${type}`;
    if (!edges.has(id))
      edges.set(id, {
        id,
        source,
        target,
        type,
        label: edgeLabel(type, share),
      });
  };

  for (const owner of owners) {
    for (const path of owner.paths) {
      for (const step of path) {
        ensure(step.from);
        ensure(step.to);
        addEdge(step.from, step.to, step.type, step.share);
      }
    }
  }
  for (const interest of options.interests ?? []) {
    if (nodes.has(interest.interestedPartyId) && nodes.has(interest.subjectId))
      addEdge(
        interest.interestedPartyId,
        interest.subjectId,
        interest.type,
        interest.share,
      );
  }

  const component = stronglyConnectedComponents(
    [...nodes.keys()],
    [...edges.values()],
  );
  const drawn = [...edges.values()].map((e) => ({
    ...e,
    cyclic:
      e.source === e.target ||
      component.get(e.source) === component.get(e.target),
  }));
  return {
    nodes: [...nodes.values()],
    edges: drawn,
    hasCycle: drawn.some((e) => e.cyclic),
  };
}

/**
 * Tarjan's algorithm (iterative, so a long chain cannot overflow the stack). Returns a component
 * number per node; two nodes share one exactly when each reaches the other.
 */
function stronglyConnectedComponents(
  ids: readonly string[],
  edges: readonly { source: string; target: string }[],
): Map<string, number> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) out.get(e.source)?.push(e.target);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;

  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const targets = out.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(
            frame.id,
            Math.min(low.get(frame.id) ?? 0, index.get(target) ?? 0),
          );
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(
          parent.id,
          Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0),
        );
      if (low.get(frame.id) === index.get(frame.id)) {
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.id);
        components++;
      }
    }
  }
  return component;
}
