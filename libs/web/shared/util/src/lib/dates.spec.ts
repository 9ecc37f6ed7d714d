import { isoDate, parseIsoDate } from './dates';

describe('dates', () => {
  it('writes the local calendar day as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('reads YYYY-MM-DD as that local day, whatever the time zone', () => {
    const date = parseIsoDate('2026-03-09');
    expect([date?.getFullYear(), date?.getMonth(), date?.getDate()]).toEqual([
      2026, 2, 9,
    ]);
    expect(parseIsoDate(null)).toBeNull();
    expect(parseIsoDate('soon')).toBeNull();
  });
});
