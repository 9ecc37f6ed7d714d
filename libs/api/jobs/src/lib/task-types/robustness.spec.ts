import { TASK_TYPES, type TaskType } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { problemMessages, problemPaths } from './spec-helpers';
import {
  answerShapeExample,
  createTaskValidator,
  itemExample,
  schemaExample,
  validateAnswer,
  validateItemData,
  validateTaskSchema,
} from './task-types';

/** `{ a: { a: … } }` nested `depth` times, built iteratively so the test itself cannot overflow. */
function deepObject(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
function deepArray(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  '',
  ' ',
  'a',
  'tie',
  '😀',
  '\u0000',
  'https://x.org/a.png',
  'a'.repeat(5000),
  [],
  [null],
  {},
  { __proto__: null },
  new Date(0),
  new Map(),
  /re/,
  10n,
  Symbol('s'),
  () => 1,
];

/** Replaces one random field somewhere in a valid example with an odd value. */
function mutate(value: unknown, random: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  if (random() < 0.15) return pick(ODD_VALUES);
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    if (copy.length === 0 || random() < 0.2) copy.push(pick(ODD_VALUES));
    else {
      const i = Math.floor(random() * copy.length);
      copy[i] = mutate(copy[i], random);
    }
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {
      ...(value as Record<string, unknown>),
    };
    const keys = Object.keys(copy);
    const r = random();
    if (keys.length === 0 || r < 0.15)
      copy[pick(['extra', 'label', 'text', '__proto__', 'constructor'])] =
        pick(ODD_VALUES);
    else if (r < 0.3) delete copy[pick(keys)];
    else {
      const k = pick(keys);
      copy[k] = mutate(copy[k], random);
    }
    return copy;
  }
  return pick(ODD_VALUES);
}

/** Plain checks rather than expect() per message: the fuzz loop runs thousands of validations. */
function assertWellFormed(result: {
  ok: boolean;
  errors?: { path: string; message: string }[];
}): 'ok' | 'problems' {
  if (result.ok) return 'ok';
  const errors = result.errors ?? [];
  if (errors.length === 0 || errors.length > TASK_LIMITS.maxProblems + 1)
    throw new Error(`bad problem count ${errors.length}`);
  for (const e of errors)
    if (!e.message.startsWith(e.path))
      throw new Error(`message does not name its path: ${JSON.stringify(e)}`);
  return 'problems';
}

describe('hostile and malformed input', () => {
  it.each(TASK_TYPES)(
    '%s: 100 000 levels of nesting anywhere are problems, not a stack overflow',
    (taskType: TaskType) => {
      const deep = deepObject(100_000);
      const deepList = deepArray(100_000);
      const schema = schemaExample(taskType);
      const item = itemExample(taskType);
      // The unknown field comes first; required fields it displaced (labels, criteria…) follow.
      expect(problemPaths(validateTaskSchema(taskType, deep))[0]).toBe(
        'schema.a',
      );
      expect(
        problemPaths(validateItemData(taskType, schema, deepList)),
      ).toEqual(['data']);
      expect(
        problemPaths(validateAnswer(taskType, schema, item, deep)),
      ).toContain('answer.a');
      // Nested one level down, where a field value is expected.
      const answer = answerShapeExample(taskType) as unknown as Record<
        string,
        unknown
      >;
      const field = Object.keys(answer)[0];
      expect(
        problemPaths(
          validateAnswer(taskType, schema, item, { ...answer, [field]: deep }),
        )[0],
      ).toMatch(new RegExp(`^answer\\.${field}\\b`));
    },
  );

  it('refuses huge arrays with one problem instead of one per element', () => {
    const million = new Array<string>(1_000_000).fill('x');
    expect(
      problemPaths(validateTaskSchema('classification', { labels: million })),
    ).toEqual(['schema.labels']);
    expect(
      problemPaths(
        validateItemData('ranking', {}, { prompt: 'p', responses: million }),
      ),
    ).toEqual(['data.responses']);
    expect(
      problemPaths(
        validateAnswer('ranking', {}, itemExample('ranking'), {
          order: new Array<number>(1_000_000).fill(0),
        }),
      ),
    ).toEqual(['answer.order']);
    expect(
      problemPaths(
        validateAnswer('ner', schemaExample('ner'), itemExample('ner'), {
          spans: new Array<null>(1_000_000).fill(null),
        }),
      ),
    ).toEqual(['answer.spans']);
    expect(
      problemPaths(
        validateAnswer('bbox', schemaExample('bbox'), itemExample('bbox'), {
          boxes: new Array<null>(100_000).fill(null),
        }),
      ),
    ).toEqual(['answer.boxes']);
  });

  it('caps the problem list and says how many were left out', () => {
    const schema: Record<string, unknown> = { labels: ['a'] };
    for (let i = 0; i < 10_000; i++) schema[`k${i}`] = i;
    const result = validateTaskSchema('classification', schema);
    const paths = problemPaths(result);
    expect(paths).toHaveLength(TASK_LIMITS.maxProblems + 1);
    expect(paths[0]).toBe('schema.k0');
    expect(paths[TASK_LIMITS.maxProblems]).toBe('schema');
    expect(problemMessages(result)[TASK_LIMITS.maxProblems]).toBe(
      `schema: ${10_000 - TASK_LIMITS.maxProblems} more problem(s) not listed; fix the ones above first`,
    );
  });

  it('clips absurdly long unknown keys in paths and quotes keys that are not identifiers', () => {
    const longKey = 'k'.repeat(100_000);
    const [path] = problemPaths(
      validateTaskSchema('ner', { labels: ['a'], [longKey]: 1 }),
    );
    expect(path.length).toBeLessThan(100);
    expect(
      problemPaths(
        validateTaskSchema('ner', { labels: ['a'], 'two words': 1, '': 2 }),
      ),
    ).toEqual(['schema["two words"]', 'schema[""]']);
  });

  it('treats only plain objects as objects', () => {
    class Schema {
      labels = ['a'];
    }
    expect(problemPaths(validateTaskSchema('ner', new Schema()))).toEqual([
      'schema',
    ]);
    expect(
      problemPaths(validateTaskSchema('ner', new Map([['labels', ['a']]]))),
    ).toEqual(['schema']);
    // Inherited fields are not fields.
    expect(
      problemPaths(validateTaskSchema('ner', Object.create({ labels: ['a'] }))),
    ).toEqual(['schema']);
    // Null-prototype objects (e.g. from a safe JSON parser) are plain.
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, {
      labels: ['a'],
    });
    expect(validateTaskSchema('ner', bare)).toEqual({
      ok: true,
      schema: { labels: ['a'] },
    });
  });

  it('reports non-JSON values (bigint, symbol, function) as problems', () => {
    expect(
      problemMessages(
        validateAnswer(
          'rating',
          schemaExample('rating'),
          itemExample('rating'),
          {
            scores: {
              helpfulness: 3n,
              harmlessness: Symbol('x'),
              honesty: () => 5,
            },
          },
        ),
      ),
    ).toEqual([
      'answer.scores.helpfulness must be an integer from 1 to 5, got a bigint',
      'answer.scores.harmlessness must be an integer from 1 to 5, got a symbol',
      'answer.scores.honesty must be an integer from 1 to 5, got a function',
    ]);
  });

  it('never lets a __proto__ key from JSON touch a prototype', () => {
    const schema = JSON.parse(
      '{"labels":["a"],"__proto__":{"polluted":true}}',
    ) as unknown;
    expect(problemPaths(validateTaskSchema('classification', schema))).toEqual([
      'schema.__proto__',
    ]);
    const answer = JSON.parse(
      '{"scores":{"helpfulness":3,"harmlessness":3,"honesty":3,"__proto__":{"polluted":true}}}',
    ) as unknown;
    expect(
      problemPaths(
        validateAnswer(
          'rating',
          schemaExample('rating'),
          itemExample('rating'),
          answer,
        ),
      ),
    ).toEqual(['answer.scores.__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(TASK_TYPES)(
    '%s: 1500 random mutations of valid input never throw and always report well-formed problems',
    (taskType: TaskType) => {
      const random = rng(TASK_TYPES.indexOf(taskType) + 1);
      const schema = schemaExample(taskType);
      const item = itemExample(taskType);
      const answer = answerShapeExample(taskType);
      const validator = createTaskValidator(taskType, schema);
      if (!validator.ok) throw new Error('example schema must be valid');
      const outcomes = new Set<string>();
      for (let i = 0; i < 500; i++) {
        outcomes.add(
          assertWellFormed(
            validateTaskSchema(taskType, mutate(schema, random)),
          ),
        );
        outcomes.add(
          assertWellFormed(
            validator.validator.validateItemData(mutate(item, random)),
          ),
        );
        outcomes.add(
          assertWellFormed(
            validator.validator.validateAnswer(item, mutate(answer, random)),
          ),
        );
      }
      // Both outcomes occur, so the mutations exercise the validators rather than always failing at the top.
      expect(outcomes).toEqual(new Set(['ok', 'problems']));
    },
  );
});
