import { parseBodsInput } from './bods-parse';
import { planBodsImport } from './bods-plan';
import {
  entityStatement,
  personStatement,
  relationshipStatement,
} from './bods.test-helpers';

const shareholding = [
  { type: 'shareholding', directOrIndirect: 'direct', share: { exact: 60 } },
];

describe('parseBodsInput', () => {
  it('reads a JSON array, indexing statements by array position', () => {
    const statements = [
      entityStatement('e1', 'Acme'),
      personStatement('p1', 'Ada'),
    ];
    const result = parseBodsInput(JSON.stringify(statements, null, 2));
    expect(result).toEqual({
      statements,
      indexes: [0, 1],
      errors: [],
      format: 'json-array',
    });
  });

  it('reads JSON Lines; a bad line is an error at its index and the other lines still load', () => {
    const text = [
      JSON.stringify(entityStatement('e1', 'Acme')),
      '{"statementId": "broken',
      '',
      JSON.stringify(personStatement('p1', 'Ada')),
    ].join('\r\n');
    const result = parseBodsInput(text);
    expect(result.format).toBe('json-lines');
    expect(result.statements).toHaveLength(2);
    // Indexes are line numbers (0-based): the bad line and the blank line do not shift them.
    expect(result.indexes).toEqual([0, 3]);
    expect(result.errors).toEqual([
      {
        index: 1,
        message: expect.stringMatching(/^line 2 is not valid JSON: /),
      },
    ]);
  });

  it('accepts one statement object, even pretty-printed, and strips a byte-order mark', () => {
    const statement = entityStatement('e1', 'Acme');
    expect(
      parseBodsInput(`\uFEFF${JSON.stringify(statement, null, 2)}`),
    ).toEqual({
      statements: [statement],
      indexes: [0],
      errors: [],
      format: 'json-lines',
    });
  });

  it('reports a broken JSON array once, for the whole document, with line and column', () => {
    const result = parseBodsInput(
      '[\n  {"statementId": 1},\n  {"statementId": 2\n]',
    );
    expect(result.statements).toEqual([]);
    expect(result.errors).toEqual([
      {
        index: -1,
        message: expect.stringMatching(
          /^not a valid JSON array: .*line \d+ column \d+/,
        ),
      },
    ]);
  });

  it('rejects empty input', () => {
    expect(parseBodsInput(' \n ')).toEqual({
      statements: [],
      indexes: [],
      errors: [{ index: -1, message: expect.stringContaining('empty') }],
      format: 'empty',
    });
  });

  it('returns no statements and no errors for an empty array', () => {
    expect(parseBodsInput('[]')).toEqual({
      statements: [],
      indexes: [],
      errors: [],
      format: 'json-array',
    });
  });
});

describe('planBodsImport (parse + interpret)', () => {
  it('reports statement errors at JSON Lines line numbers, next to the syntax errors', () => {
    const text = [
      JSON.stringify(entityStatement('acme', 'Acme')),
      'not json',
      JSON.stringify(personStatement('ada', 'Ada')),
      JSON.stringify(relationshipStatement('r1', 'ada', 'acme', shareholding)),
      // Refers to the record on the broken line 2, which therefore never existed.
      JSON.stringify(
        relationshipStatement('r2', 'ada', 'globex', shareholding),
      ),
    ].join('\n');
    const plan = planBodsImport(text);
    expect(plan.operations.map((op) => [op.index, op.recordId])).toEqual([
      [0, 'acme'],
      [2, 'ada'],
      [3, 'r1'],
    ]);
    expect(plan.errors).toEqual([
      {
        index: 1,
        message: expect.stringContaining('line 2 is not valid JSON'),
      },
      {
        index: 4,
        message:
          'subject "globex" is not the recordId of an entity record earlier in the input',
      },
    ]);
    expect(plan.results.map((r) => r.index)).toEqual([0, 2, 3, 4]);
  });
});
