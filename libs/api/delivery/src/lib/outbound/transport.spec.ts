import type { LookupAddress } from 'node:dns';
import { pinnedLookup } from './transport';

function call(lookup: ReturnType<typeof pinnedLookup>, hostname: string, options: Parameters<ReturnType<typeof pinnedLookup>>[1]) {
  return new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    lookup(hostname, options, (err, address, family) => resolve({ err, address, family })),
  );
}

describe('pinnedLookup', () => {
  const lookup = pinnedLookup(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);

  it('answers with the checked addresses whatever the hostname (no second DNS query)', async () => {
    for (const host of ['hooks.example.com', 'evil.example.net', 'localhost']) {
      expect(await call(lookup, host, {})).toEqual({ err: null, address: '93.184.216.34', family: 4 });
    }
  });

  it('supports the all: true shape used by autoSelectFamily (happy eyeballs)', async () => {
    expect((await call(lookup, 'hooks.example.com', { all: true })).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
  });

  it('honours a requested family, and fails rather than inventing an address', async () => {
    expect(await call(lookup, 'h', { family: 6 })).toEqual({ err: null, address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 });
    expect(await call(lookup, 'h', 4)).toEqual({ err: null, address: '93.184.216.34', family: 4 });
    const onlyV4 = pinnedLookup(['93.184.216.34']);
    const res = await call(onlyV4, 'h', { family: 'IPv6' });
    expect(res.err?.code).toBe('ENOTFOUND');
  });

  it('only accepts literal IPs', () => {
    expect(() => pinnedLookup([])).toThrow(TypeError);
    expect(() => pinnedLookup(['hooks.example.com'])).toThrow(TypeError);
  });
});
