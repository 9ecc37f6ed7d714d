import { normaliseShare, validateShare } from './bods-share';

describe('validateShare', () => {
  it.each([
    [{ exact: 0 }],
    [{ exact: 100 }],
    [{ exact: 49.5 }],
    [{ minimum: 25, maximum: 50 }],
    [{ exclusiveMinimum: 25, maximum: 50 }],
    [{ minimum: 25, exclusiveMaximum: 50 }],
    [{ minimum: 75 }],
    [{ exclusiveMaximum: 25 }],
    [{ minimum: 30, maximum: 30 }],
    [{}],
  ])('accepts %j', (share) => {
    expect(validateShare(share, 'share')).toEqual([]);
  });

  it('rejects values outside 0..100 and non-numbers, naming the field', () => {
    expect(validateShare({ exact: 101 }, 'share')).toEqual([
      {
        path: 'share.exact',
        message: 'must be a number from 0 to 100 (a percentage), got 101',
      },
    ]);
    expect(
      validateShare({ minimum: -1, maximum: '50' }, 'interests[0].share'),
    ).toEqual([
      {
        path: 'interests[0].share.minimum',
        message: expect.stringContaining('got -1'),
      },
      {
        path: 'interests[0].share.maximum',
        message: expect.stringContaining('got "50"'),
      },
    ]);
    expect(validateShare({ exact: Number.NaN }, 'share')).toHaveLength(1);
  });

  it('rejects exact together with a bound', () => {
    expect(
      validateShare({ exact: 30, minimum: 30, maximum: 30 }, 'share'),
    ).toEqual([
      {
        path: 'share',
        message: 'exact cannot be combined with minimum/maximum bounds',
      },
    ]);
    expect(
      validateShare({ exact: 30, exclusiveMaximum: 50 }, 'share'),
    ).toHaveLength(1);
  });

  it('rejects an inclusive and an exclusive bound on the same side', () => {
    expect(
      validateShare({ minimum: 10, exclusiveMinimum: 10 }, 'share'),
    ).toEqual([
      { path: 'share', message: 'give minimum or exclusiveMinimum, not both' },
    ]);
    expect(
      validateShare({ maximum: 50, exclusiveMaximum: 50 }, 'share'),
    ).toEqual([
      { path: 'share', message: 'give maximum or exclusiveMaximum, not both' },
    ]);
  });

  it('rejects a minimum above the maximum, and an empty exclusive range', () => {
    expect(validateShare({ minimum: 60, maximum: 40 }, 'share')).toEqual([
      { path: 'share', message: 'minimum (60) is above maximum (40)' },
    ]);
    expect(
      validateShare({ exclusiveMinimum: 60, exclusiveMaximum: 40 }, 'share'),
    ).toHaveLength(1);
    expect(
      validateShare({ exclusiveMinimum: 25, maximum: 25 }, 'share'),
    ).toEqual([
      {
        path: 'share',
        message: 'the range (25, 25) is empty with an exclusive bound',
      },
    ]);
  });

  it('rejects a non-object and unknown fields', () => {
    expect(validateShare(30, 'share')).toEqual([
      { path: 'share', message: 'share must be an object, got 30' },
    ]);
    expect(validateShare(null, 'share')).toHaveLength(1);
    expect(validateShare([30], 'share')).toHaveLength(1);
    expect(validateShare({ percent: 30 }, 'share')).toEqual([
      {
        path: 'share.percent',
        message: expect.stringContaining('unknown share field'),
      },
    ]);
  });

  it('lists every problem at once', () => {
    expect(
      validateShare({ exact: 120, minimum: 10, exclusiveMinimum: 5 }, 'share'),
    ).toHaveLength(3);
  });
});

describe('normaliseShare', () => {
  it('keeps the numeric fields and turns an empty share into null', () => {
    expect(normaliseShare({ minimum: 25, exclusiveMaximum: 50 })).toEqual({
      minimum: 25,
      exclusiveMaximum: 50,
    });
    expect(normaliseShare({})).toBeNull();
  });
});
