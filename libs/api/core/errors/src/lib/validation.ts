import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ProblemFieldError } from '@quorum/contracts';
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

/** Paths of strings (and keys) holding U+0000 in parsed JSON, query values and path params. */
export function nulPaths(value: unknown, path: string, out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    // Only parsed JSON: streamed uploads (Readable) check their own lines.
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) out.push(at);
      nulPaths(v, at, out);
    }
  }
  return out;
}

/**
 * Postgres stores no U+0000 in text or jsonb: a NUL anywhere in the input would be a 500 at the
 * first insert or comparison, so it is a 400 naming the field before anything runs.
 */
class NoNulValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
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
