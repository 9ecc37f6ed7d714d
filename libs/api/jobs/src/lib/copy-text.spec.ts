import { copyField, copyJsonField, jsonIsStorable } from './copy-text';

describe('COPY text fields', () => {
  it('escapes backslash, TAB, LF and CR and leaves everything else alone', () => {
    expect(copyField('plain text, "quoted" ünïcødé 😀')).toBe('plain text, "quoted" ünïcødé 😀');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    // \N would be read as NULL if the backslash were not doubled.
    expect(copyField('\\N')).toBe('\\\\N');
  });

  it('doubles the backslashes of JSON text, its only special character', () => {
    const json = JSON.stringify({ text: 'tab\there "q" \\ back' });
    expect(copyJsonField(json)).toBe(json.replace(/\\/g, '\\\\'));
    expect(copyJsonField('{"a":1}')).toBe('{"a":1}');
  });
});

describe('jsonIsStorable', () => {
  it.each([
    ['NUL', { t: 'a\u0000b' }],
    ['a lone high surrogate', { t: 'x\ud800' }],
    ['a lone low surrogate', { t: '\udc00y' }],
    ['a lone surrogate after an escaped backslash', { t: '\\\ud83d' }],
  ])('refuses %s', (_name, value) => {
    expect(jsonIsStorable(JSON.stringify(value))).toBe(false);
  });

  it.each([
    ['a surrogate pair', { t: '😀' }],
    ['the text \\u0000 (an escaped backslash, then u0000)', { t: '\\u0000' }],
    ['the text \\ud800', { t: '\\ud800' }],
    ['other escapes', { t: '\u0001\u001f\n"' }],
  ])('accepts %s', (_name, value) => {
    expect(jsonIsStorable(JSON.stringify(value))).toBe(true);
  });
});
