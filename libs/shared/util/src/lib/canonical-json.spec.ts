import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth so key order never changes the bytes', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('drops undefined members, keeps null, and encodes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: null, c: new Date('2026-01-02T03:04:05.678Z') })).toBe('{"b":null,"c":"2026-01-02T03:04:05.678Z"}');
  });

  it('refuses non-finite numbers rather than hashing them as null', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
  });
});
