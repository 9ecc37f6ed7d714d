import { decodeCursor, encodeCursor, pageLimit } from './cursor';

describe('keyset cursors', () => {
  it('round-trip the last row key', () => {
    const cursor = { at: '2026-11-28T10:00:00.123Z', id: '3f0e7c1a-5b7d-4c1e-9a55-0d2f6b1e7a01' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('refuse cursors the API did not issue with a 400 naming the field', () => {
    for (const bad of ['garbage', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["not-a-date","x"]').toString('base64url'),
      // Parts Postgres could not cast (a 500 before): an id that is not a UUID, dates Date.parse takes but timestamptz does not.
      Buffer.from('["2026-01-01T00:00:00.000Z","x"]').toString('base64url'),
      Buffer.from('["1","3f0e7c1a-5b7d-4c1e-9a55-0d2f6b1e7a01"]').toString('base64url'),
      Buffer.from('["Tue, 01 Jan 2026","3f0e7c1a-5b7d-4c1e-9a55-0d2f6b1e7a01"]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'validation', errors: [expect.objectContaining({ path: 'cursor' })] }));
    }
  });

  it('bound page sizes', () => {
    expect(pageLimit(undefined)).toBe(50);
    expect(pageLimit('10')).toBe(10);
    for (const bad of ['0', '-1', '1.5', '100000', 'abc']) expect(() => pageLimit(bad)).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});
