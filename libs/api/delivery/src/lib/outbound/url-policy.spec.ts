import * as dns from 'node:dns';
import { assertPublicUrl, MAX_URL_LENGTH, systemResolve, UnsafeUrlError, UrlResolutionError, type UnsafeUrlReason } from './url-policy';

const PUBLIC_V4 = '93.184.216.34';
const PUBLIC_V6 = '2606:2800:220:1:248:1893:25c8:1946';

async function reasonOf(promise: Promise<unknown>): Promise<UnsafeUrlReason> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof UnsafeUrlError) return e.reason;
    throw e;
  }
  throw new Error('expected UnsafeUrlError, but the URL was accepted');
}

describe('assertPublicUrl', () => {
  const publicResolver = jest.fn(async () => [PUBLIC_V4, PUBLIC_V6]);
  beforeEach(() => publicResolver.mockClear());

  describe('accepts', () => {
    it('an https URL whose every address is public, and returns the checked addresses', async () => {
      const checked = await assertPublicUrl('https://hooks.example.com/quorum?x=1', { resolve: publicResolver });
      expect(checked.url.href).toBe('https://hooks.example.com/quorum?x=1');
      expect(checked.addresses).toEqual([PUBLIC_V4, PUBLIC_V6]);
      // The injected resolver gets the plain hostname.
      expect(publicResolver).toHaveBeenCalledWith('hooks.example.com');
    });

    it('any port', async () => {
      await expect(assertPublicUrl('https://hooks.example.com:8443/', { resolve: publicResolver })).resolves.toBeDefined();
      await expect(assertPublicUrl('https://hooks.example.com:22/', { resolve: publicResolver })).resolves.toBeDefined();
    });

    it('http only when allowHttp is set', async () => {
      expect(await reasonOf(assertPublicUrl('http://hooks.example.com/', { resolve: publicResolver }))).toBe('scheme_not_allowed');
      await expect(assertPublicUrl('http://hooks.example.com/', { resolve: publicResolver, allowHttp: true })).resolves.toBeDefined();
    });

    it('public IP literals without DNS, and de-duplicates resolver answers', async () => {
      await expect(assertPublicUrl(`https://${PUBLIC_V4}/`, { resolve: publicResolver })).resolves.toEqual({ url: expect.any(URL), addresses: [PUBLIC_V4] });
      await expect(assertPublicUrl(`https://[${PUBLIC_V6}]/`, { resolve: publicResolver })).resolves.toEqual({ url: expect.any(URL), addresses: [PUBLIC_V6] });
      expect(publicResolver).not.toHaveBeenCalled();
      const dup = await assertPublicUrl('https://hooks.example.com/', { resolve: async () => [PUBLIC_V4, PUBLIC_V4] });
      expect(dup.addresses).toEqual([PUBLIC_V4]);
    });
  });

  describe('refuses by scheme, shape and credentials', () => {
    it.each([
      ['file:///etc/passwd', 'scheme_not_allowed'],
      ['gopher://hooks.example.com:70/_x', 'scheme_not_allowed'],
      ['ftp://hooks.example.com/', 'scheme_not_allowed'],
      ['javascript:alert(1)', 'scheme_not_allowed'],
      ['data:text/plain,hi', 'scheme_not_allowed'],
      ['ws://hooks.example.com/', 'scheme_not_allowed'],
      ['not a url', 'invalid_url'],
      ['', 'invalid_url'],
      ['https://', 'invalid_url'],
      ['https://user:pw@hooks.example.com/', 'credentials_in_url'],
      ['https://user@hooks.example.com/', 'credentials_in_url'],
      ['https://:pw@hooks.example.com/', 'credentials_in_url'],
      ['https://hooks.example.com:0/', 'invalid_port'],
      [`https://hooks.example.com/${'a'.repeat(MAX_URL_LENGTH)}`, 'url_too_long'],
    ] as const)('%s → %s', async (url, reason) => {
      expect(await reasonOf(assertPublicUrl(url, { resolve: publicResolver, allowHttp: true }))).toBe(reason);
      expect(publicResolver).not.toHaveBeenCalled();
    });
  });

  describe('refuses literal non-public IPs in every notation, without DNS', () => {
    it.each([
      'https://127.0.0.1/',
      'https://2130706433/', // decimal
      'https://0177.0.0.1/', // octal
      'https://0x7f.1/', // hex + short form
      'https://0x7f000001/',
      'https://017700000001/',
      'https://127.1/',
      'https://127.000.000.001/',
      'https://0x7f.0x0.0x0.0x1/',
      'https://%31%32%37.0.0.1/', // percent-encoded
      'https://127。0。0。1/', // ideographic full stops
      'https://①②⑦.0.0.1/', // circled digits (NFKC)
      'https://127.0.0.1./',
      'https://0/',
      'https://0.0.0.0/',
      'https://[::]/',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[0:0:0:0:0:ffff:127.0.0.1]/',
      'https://[::ffff:7f00:1]/',
      'https://[::127.0.0.1]/',
      'https://[::ffff:169.254.169.254]/',
      'https://[64:ff9b::10.0.0.1]/', // NAT64 → private
      'https://[64:ff9b::169.254.169.254]/',
      'https://[2002:7f00:1::1]/', // 6to4 → loopback
      'https://[2002:a9fe:a9fe::1]/', // 6to4 → metadata
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/',
      'https://172.16.5.4/',
      'https://192.168.0.1:8080/',
      'https://100.64.1.1/',
      'https://198.18.0.1/',
      'https://192.0.2.1/',
      'https://224.0.0.1/',
      'https://255.255.255.255/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://[ff02::1]/',
      'https://[2001:db8::1]/',
    ])('%s', async (url) => {
      expect(await reasonOf(assertPublicUrl(url, { resolve: publicResolver }))).toBe('forbidden_address');
      expect(publicResolver).not.toHaveBeenCalled();
    });
  });

  describe('refuses local hostnames before resolving them', () => {
    it.each([
      'https://localhost/',
      'https://LOCALHOST/',
      'https://localhost./',
      'https://api.localhost/',
      'https://localhost.localdomain/',
      'https://metadata.google.internal/computeMetadata/v1/',
      'https://printer.local/',
      'https://router.home.arpa/',
      'https://redis/', // single label: completed by search domains
      'https://metadata/',
      'https://hooks.test/',
      'https://nas.lan/',
    ])('%s', async (url) => {
      expect(await reasonOf(assertPublicUrl(url, { resolve: publicResolver }))).toBe('forbidden_hostname');
      expect(publicResolver).not.toHaveBeenCalled();
    });
  });

  describe('checks every address after DNS resolution', () => {
    it.each([
      [['127.0.0.1']],
      [['10.0.0.5']],
      [['169.254.169.254']],
      [['::1']],
      [['::ffff:127.0.0.1']],
      [['::ffff:10.0.0.1']],
      [['64:ff9b::a00:1']],
      [['fd00::1']],
      [['fe80::1']],
      [[PUBLIC_V4, '127.0.0.1']], // one bad answer among good ones
      [[PUBLIC_V6, 'fe80::1']],
      [['0177.0.0.1']], // a resolver answer we cannot parse canonically → fail closed
      [['fe80::1%eth0']],
      [['not-an-ip']],
    ])('resolver answer %j is refused', async (answer) => {
      expect(await reasonOf(assertPublicUrl('https://rebind.example.com/', { resolve: async () => answer }))).toBe('forbidden_address');
    });

    it('an empty answer is refused', async () => {
      expect(await reasonOf(assertPublicUrl('https://empty.example.com/', { resolve: async () => [] }))).toBe('no_addresses');
    });

    it('keeps the resolved address out of the message (no internal-DNS oracle) but on the error for logs', async () => {
      const error = await assertPublicUrl('https://intranet.example.com/', { resolve: async () => ['10.1.2.3'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeUrlError);
      const unsafe = error as UnsafeUrlError;
      expect(unsafe.message).not.toContain('10.1.2.3');
      expect(unsafe.publicMessage).not.toContain('10.1.2.3');
      expect(unsafe.address).toBe('10.1.2.3');
      expect(unsafe.category).toBe('private');
    });
  });

  describe('resolution failures are UrlResolutionError (transient), not UnsafeUrlError', () => {
    it('NXDOMAIN', async () => {
      const resolve = async (): Promise<string[]> => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      };
      const error = await assertPublicUrl('https://nope.example.com/', { resolve }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UrlResolutionError);
      expect((error as UrlResolutionError).code).toBe('ENOTFOUND');
    });

    it('a resolver that hangs is cut off', async () => {
      const error = await assertPublicUrl('https://slow.example.com/', { resolve: () => new Promise<string[]>(() => undefined), resolveTimeoutMs: 30 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UrlResolutionError);
      expect((error as UrlResolutionError).timedOut).toBe(true);
    });
  });

  describe('default resolver', () => {
    afterEach(() => jest.restoreAllMocks());

    it('looks up the absolute name (no search domains) with all: true', async () => {
      const lookup = jest.spyOn(dns.promises, 'lookup').mockResolvedValue([{ address: PUBLIC_V4, family: 4 }] as never);
      await expect(systemResolve('hooks.example.com')).resolves.toEqual([PUBLIC_V4]);
      expect(lookup).toHaveBeenCalledWith('hooks.example.com.', { all: true, verbatim: true });
    });

    it('is used when no resolver is injected, and its private answers are refused', async () => {
      jest.spyOn(dns.promises, 'lookup').mockResolvedValue([{ address: '127.0.0.1', family: 4 }] as never);
      expect(await reasonOf(assertPublicUrl('https://rebind.example.com/'))).toBe('forbidden_address');
    });
  });
});
