import type { DataSource } from 'typeorm';

/**
 * A cheap "did anything change?" snapshot of the database: per table the row count and the newest
 * row version (xmin moves on every insert and update; a delete moves the count). Append-only
 * queues the worker touches on its own (the outbox marks rows processed) count rows only.
 */
export type Fingerprint = Record<string, string>;

const COUNT_ONLY = new Set(['outbox']);
const IGNORED = new Set(['migrations', 'typeorm_metadata']);

let tables: string[] | null = null;

export async function fingerprint(dataSource: DataSource): Promise<Fingerprint> {
  tables ??= (
    (await dataSource.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)) as { name: string }[]
  )
    .map((t) => t.name)
    .filter((t) => !IGNORED.has(t));
  const parts = tables.map((t) =>
    COUNT_ONLY.has(t) ? `SELECT '${t}' AS t, count(*)::text AS v FROM "${t}"` : `SELECT '${t}' AS t, count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text AS v FROM "${t}"`,
  );
  const rows: { t: string; v: string }[] = await dataSource.query(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

/** The tables whose fingerprint differs, with before → after. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}

/** Runs `refusals` and returns the tables they changed (none, if every refusal kept its hands off). */
export async function unchangedBy<T>(dataSource: DataSource, refusals: () => Promise<T>): Promise<{ result: T; changed: string[] }> {
  const before = await fingerprint(dataSource);
  const result = await refusals();
  return { result, changed: changedTables(before, await fingerprint(dataSource)) };
}
