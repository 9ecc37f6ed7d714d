import {
  agreementBucketLabel,
  formatAge,
  formatMoney,
  formatFraction,
  spendPercent,
  spendText,
} from './metrics-format';

describe('formatAge', () => {
  it.each<[number | null | undefined, string]>([
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
    [-4, '0 s'],
    [0, '0 s'],
    [59.9, '59 s'],
    [60, '1 min'],
    [3599, '59 min'],
    [3600, '1 h'],
    [3600 + 5 * 60 + 9, '1 h 5 min'],
    [86400, '1 d'],
    [3 * 86400 + 4 * 3600 + 120, '3 d 4 h'],
  ])('%p → %s', (seconds, expected) => {
    expect(formatAge(seconds)).toBe(expected);
  });
});

describe('formatFraction', () => {
  it.each<[number | null, number | undefined, string]>([
    [null, undefined, '—'],
    [0, undefined, '0%'],
    [0.875, undefined, '87.5%'],
    [0.8756, undefined, '87.6%'],
    [1, undefined, '100%'],
    [0.12345, 2, '12.35%'],
    [0.5, 0, '50%'],
  ])('%p (%p digits) → %s', (fraction, digits, expected) => {
    expect(formatFraction(fraction, digits)).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each<[number | null, string]>([
    [null, '—'],
    [0, '0.00'],
    [12.4, '12.40'],
    [0.005, '0.01'],
    [1234.5, '1,234.50'],
  ])('%p → %s', (amount, expected) => {
    expect(formatMoney(amount)).toBe(expected);
  });
});

describe('spend against budget', () => {
  it('reads as an amount of the budget', () => {
    expect(spendText(12.4, 50)).toBe('12.40 of 50.00 spent');
    expect(spendText(3, null)).toBe('3.00 spent (no budget)');
  });

  it('gives the share of the budget for a bar, capped at 100', () => {
    expect(spendPercent(12.4, 50)).toBeCloseTo(24.8);
    expect(spendPercent(80, 50)).toBe(100);
    expect(spendPercent(5, null)).toBeNull();
    expect(spendPercent(0, 0)).toBe(0);
    expect(spendPercent(1, 0)).toBe(100);
  });
});

describe('agreementBucketLabel', () => {
  it('names each tenth by its range', () => {
    expect(agreementBucketLabel(0)).toBe('0–10%');
    expect(agreementBucketLabel(0.3)).toBe('30–40%');
    expect(agreementBucketLabel(0.9)).toBe('90–100%');
  });
});
