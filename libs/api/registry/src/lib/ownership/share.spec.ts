import { combineSameInterest, readShare } from './share';

describe('readShare', () => {
  it.each([
    ['exact', { exact: 49 }, { min: 49, max: 49 }],
    ['inclusive band', { minimum: 25, maximum: 50 }, { min: 25, max: 50 }],
    [
      'exclusive bounds read as their value',
      { exclusiveMinimum: 5, exclusiveMaximum: 10 },
      { min: 5, max: 10 },
    ],
    ['only a lower bound', { minimum: 75 }, { min: 75, max: null }],
    ['only an upper bound', { exclusiveMaximum: 25 }, { min: 0, max: 25 }],
    [
      'out-of-range figures clamped',
      { minimum: -5, maximum: 120 },
      { min: 0, max: 100 },
    ],
    [
      'inverted band keeps the lower bound',
      { minimum: 40, maximum: 30 },
      { min: 40, max: 40 },
    ],
  ])('%s', (_, share, expected) => {
    expect(readShare('shareholding', share)).toEqual(expected);
  });

  it('is unknown for no share, an empty share, or a non-countable type', () => {
    expect(readShare('shareholding', null)).toBeNull();
    expect(readShare('shareholding', {})).toBeNull();
    expect(readShare('boardChair', { exact: 30 })).toBeNull();
  });
});

describe('combineSameInterest', () => {
  it('takes the larger figure on each bound and never sums', () => {
    expect(
      combineSameInterest([
        { min: 49, max: 49 },
        { min: 40, max: 60 },
      ]),
    ).toEqual({ min: 49, max: 60 });
  });

  it('drops unknown statements when one is known, and stays unknown otherwise', () => {
    expect(combineSameInterest([null, { min: 30, max: 30 }])).toEqual({
      min: 30,
      max: 30,
    });
    expect(combineSameInterest([null, null])).toBeNull();
  });

  it('keeps an open upper bound open', () => {
    expect(
      combineSameInterest([
        { min: 25, max: null },
        { min: 30, max: 30 },
      ]),
    ).toEqual({ min: 30, max: null });
  });
});
