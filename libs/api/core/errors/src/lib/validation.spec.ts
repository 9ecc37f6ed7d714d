import { Readable } from 'node:stream';
import { createValidationPipe, jsonTextNestsDeeperThan, MAX_JSON_DEPTH, nestedDeeperThan, nulPaths } from './validation';

describe('NUL characters in input', () => {
  it('are found in nested values and keys, with their paths', () => {
    expect(nulPaths({ title: 'a\u0000b', schema: { labels: ['ok', 'x\u0000'] }, ['k\u0000']: 1 }, '')).toEqual(['title', 'schema.labels[1]', 'k\u0000']);
    expect(nulPaths('plain', 'status')).toEqual([]);
    expect(nulPaths('a\u0000', 'status')).toEqual(['status']);
  });

  it('are not looked for inside streams (uploads check their own lines)', () => {
    expect(nulPaths(Readable.from(['a\u0000']), '')).toEqual([]);
  });

  it('make the global pipe answer 400 naming the field, before validation', async () => {
    const pipe = createValidationPipe();
    await expect(pipe.transform({ title: 'a\u0000' }, { type: 'body' })).rejects.toMatchObject({ code: 'validation', errors: [expect.objectContaining({ path: 'title' })] });
    await expect(pipe.transform('x\u0000', { type: 'query', data: 'status' })).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'status' })] });
    await expect(pipe.transform('fine', { type: 'query', data: 'status' })).resolves.toBe('fine');
  });
});

describe('NUL search on deep input', () => {
  it('walks a million levels without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(1_000_000) + '"a\\u0000"' + ']'.repeat(1_000_000));
    expect(nulPaths(deep, '')).toHaveLength(1);
  });
});

describe('nesting depth', () => {
  it('is measured without recursion and refused past the limit by the pipe', async () => {
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestedDeeperThan(JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000)), MAX_JSON_DEPTH)).toBe(true);
    const pipe = createValidationPipe();
    await expect(pipe.transform(JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100)), { type: 'body' })).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'body' })] });
  });
});

describe('nesting depth of JSON text', () => {
  it('counts brackets outside strings only, escapes included', () => {
    expect(jsonTextNestsDeeperThan(Buffer.from('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(jsonTextNestsDeeperThan(Buffer.from('{"a":[{"b":[]}]}'), 3)).toBe(true);
    expect(jsonTextNestsDeeperThan(Buffer.from('{"a":"[[[[\\"[[[["}'), 1)).toBe(false);
    expect(jsonTextNestsDeeperThan(Buffer.from('['.repeat(65) + ']'.repeat(65)), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonTextNestsDeeperThan(Buffer.from('['.repeat(64) + ']'.repeat(64)), MAX_JSON_DEPTH)).toBe(false);
  });
});
