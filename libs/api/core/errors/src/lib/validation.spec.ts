import { Readable } from 'node:stream';
import { createValidationPipe, nulPaths } from './validation';

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
