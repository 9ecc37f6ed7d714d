import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ProblemFieldError } from '@quorum/contracts';
import { Readable } from 'node:stream';
import { validationFailed } from './domain-error';

/** Flattens class-validator's tree into one entry per bad field, with a dotted path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  for (const error of errors) {
    const path = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/**
 * Paths of strings (and keys) holding U+0000 in parsed JSON, query values and path params. A loop,
 * not recursion: a 5 MB body can nest a million levels deep.
 */
export function nulPaths(value: unknown, path: string, limit = 20): string[] {
  const out: string[] = [];
  // [value, its path, whether its key holds a NUL]; popped in document order.
  const stack: [unknown, string, boolean][] = [[value, path, false]];
  while (stack.length && out.length < limit) {
    const [v, at, badKey] = stack.pop() as [unknown, string, boolean];
    if (badKey) out.push(at);
    if (typeof v === 'string') {
      if (v.includes('\u0000')) out.push(at);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}[${i}]`, false]);
    } else if (v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
      // Only parsed JSON: streamed uploads (Readable) check their own lines.
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        stack.push([child, at ? `${at}.${key}` : key, key.includes('\u0000')]);
      }
    }
  }
  return out;
}

/** Deeper than any request body the API takes (BODS statements nest about ten levels). */
export const MAX_JSON_DEPTH = 64;

/** Whether parsed JSON nests deeper than `max` levels (a loop, so the check itself cannot overflow). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Whether a JSON text nests deeper than `max` levels, by a scan of its bytes (brackets inside
 * strings do not count): cheap enough to run before JSON.parse, which takes a second on a body
 * nested a million levels deep.
 */
export function jsonTextNestsDeeperThan(text: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Postgres stores no U+0000 in text or jsonb: a NUL anywhere in the input would be a 500 at the
 * first insert or comparison, so it is a 400 naming the field before anything runs.
 */
class NoNulValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      // Validation recurses: a deeply nested body would burn seconds of CPU and end in a stack overflow (a 500).
      if (metadata.type === 'body' && !(value instanceof Readable) && nestedDeeperThan(value, MAX_JSON_DEPTH)) {
        throw validationFailed([{ path: 'body', message: `body must not nest deeper than ${MAX_JSON_DEPTH} levels` }]);
      }
      const paths = nulPaths(value, metadata.type === 'body' ? '' : (metadata.data ?? metadata.type));
      if (paths.length) throw validationFailed(paths.map((path) => ({ path: path || 'body', message: `${path || 'body'} must not contain NUL (\\u0000) characters` })));
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: no NUL characters, whitelist, reject unknown fields, transform, and report every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new NoNulValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
