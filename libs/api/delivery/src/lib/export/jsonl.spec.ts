import { jsonlLine } from './jsonl';

describe('jsonlLine', () => {
  it('is one JSON value followed by a single LF', () => {
    expect(jsonlLine({ id: 'a1', score: -2, tags: ['x'] })).toBe('{"id":"a1","score":-2,"tags":["x"]}\n');
    expect(jsonlLine([1, 2])).toBe('[1,2]\n');
    expect(jsonlLine('text')).toBe('"text"\n');
    expect(jsonlLine(null)).toBe('null\n');
  });

  it('keeps each record on exactly one line, whatever the strings contain', () => {
    const value = { text: 'a\nb\rc\u2028d\u2029e\u0085f\u000bg\u000ch\u001ci', nul: 'x\u0000y' };
    const line = jsonlLine(value);
    expect(line.endsWith('\n')).toBe(true);
    const inner = line.slice(0, -1);
    // No raw character that any common line splitter (JS, Python splitlines) treats as a break.
    // eslint-disable-next-line no-control-regex
    expect(inner).not.toMatch(/[\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/);
    expect(inner.split(/\r?\n|\r|\u2028|\u2029|\u0085/)).toHaveLength(1);
    expect(JSON.parse(inner)).toEqual(value);
  });

  it('leaves formula-looking strings untouched (JSON consumers do not evaluate them)', () => {
    expect(JSON.parse(jsonlLine({ t: '=HYPERLINK("x")' }))).toEqual({ t: '=HYPERLINK("x")' });
  });

  it('escapes lone surrogates (well-formed JSON.stringify)', () => {
    const line = jsonlLine({ s: '\ud800' });
    expect(line).toBe('{"s":"\\ud800"}\n');
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => jsonlLine(undefined)).toThrow(TypeError);
    expect(() => jsonlLine(() => 1)).toThrow(TypeError);
    expect(() => jsonlLine(Symbol('s'))).toThrow(TypeError);
    expect(() => jsonlLine({ n: 1n })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => jsonlLine(cyclic)).toThrow(TypeError);
  });
});
