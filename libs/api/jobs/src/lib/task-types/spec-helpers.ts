import type { FieldProblem } from './problems';

/** Test support (not exported from the index): the paths of a failed validation, in report order. */
export function problemPaths(
  result: { ok: true } | { ok: false; errors: FieldProblem[] },
): string[] {
  if (result.ok)
    throw new Error(
      `expected problems, but validation passed: ${JSON.stringify(result)}`,
    );
  if (result.errors.length === 0)
    throw new Error('a failed validation must list at least one problem');
  for (const problem of result.errors) {
    // Import reports keep only the message, so it must name the field by itself.
    if (!problem.message.startsWith(problem.path))
      throw new Error(
        `message does not start with its path: ${JSON.stringify(problem)}`,
      );
  }
  return result.errors.map((e) => e.path);
}

export function problemMessages(
  result: { ok: true } | { ok: false; errors: FieldProblem[] },
): string[] {
  problemPaths(result);
  return result.ok ? [] : result.errors.map((e) => e.message);
}

/** A string of `n` UTF-16 code units. */
export const chars = (n: number, c = 'x'): string => c.repeat(n);
