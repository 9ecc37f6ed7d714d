import { TASK_LIMITS } from './limits';

/** One thing wrong with the input. `message` repeats the path so it reads alone (import reports keep only messages). */
export interface FieldProblem {
  path: string;
  message: string;
}

export type Invalid = { ok: false; errors: FieldProblem[] };

/**
 * Collects problems. Keeps the first `limit` and counts the rest, so hostile input (a million unknown
 * keys) costs a counter, not a million messages.
 */
export class Problems {
  private readonly kept: FieldProblem[] = [];
  private total = 0;

  constructor(private readonly limit: number = TASK_LIMITS.maxProblems) {}

  get count(): number {
    return this.total;
  }

  /** `expectation` continues a sentence that starts with the path: `add('data.text', 'must not be empty')`. */
  add(path: string, expectation: string): void {
    this.total++;
    if (this.kept.length < this.limit)
      this.kept.push({ path, message: `${path} ${expectation}` });
  }

  list(root: string): FieldProblem[] {
    const out = [...this.kept];
    const dropped = this.total - this.kept.length;
    if (dropped > 0)
      out.push({
        path: root,
        message: `${root}: ${dropped} more problem(s) not listed; fix the ones above first`,
      });
    return out;
  }
}

/** Joins problems into one line, e.g. for `ImportReport.errors[].message`. */
export function formatProblems(
  problems: readonly FieldProblem[],
  max = 5,
): string {
  const shown = problems.slice(0, max).map((p) => p.message);
  if (problems.length > max) shown.push(`and ${problems.length - max} more`);
  return shown.join('; ');
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_KEY_IN_PATH = 64;

export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function quote(s: string): string {
  return JSON.stringify(clip(s, 40));
}

/** `schema.labels`, or `answer.scores["factual accuracy"]` for keys that are not identifiers. Long keys are clipped. */
export function at(path: string, key: string): string {
  const k = clip(key, MAX_KEY_IN_PATH);
  return IDENTIFIER.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/**
 * Only plain objects (what JSON.parse makes); arrays, Dates, Maps, class instances are not "objects"
 * here. The prototype test is structural, not `=== Object.prototype`, so plain objects from another
 * realm (structuredClone, vm, Jest's sandbox) still count.
 */
export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return (
    proto === null ||
    (typeof proto === 'object' && Object.getPrototypeOf(proto) === null)
  );
}

/** Own properties only: `{}.constructor` or an inherited `toString` must never count as a field. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** What we got, for messages. Never walks into the value (it may be huge or deeply nested). */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return v.length === 0 ? 'an empty string' : `the string ${quote(v)}`;
    case 'number':
      return Number.isFinite(v) ? `the number ${v}` : String(v);
    case 'boolean':
      return String(v);
    case 'object':
      return isRecord(v) ? 'an object' : 'a non-plain object';
    default:
      return `a ${typeof v}`;
  }
}

/** Reports a missing or wrongly typed value. */
export function expected(
  p: Problems,
  path: string,
  v: unknown,
  what: string,
): void {
  p.add(
    path,
    v === undefined
      ? `is required (${what})`
      : `must be ${what}, got ${describe(v)}`,
  );
}

export function fieldList(fields: readonly string[]): string {
  return fields.length === 0 ? 'no fields' : fields.join(', ');
}

/** `"cat", "dog", … (1000 in total)`: enough to spot a typo without dumping a thousand labels. */
export function choiceList(options: readonly string[], shown = 10): string {
  const head = options.slice(0, shown).map(quote).join(', ');
  return options.length > shown
    ? `${head}, … (${options.length} in total)`
    : head;
}
