import * as dns from 'node:dns';
import { isIP } from 'node:net';
import { classifyAddress, type AddressCategory } from './ip';

/** Resolves a hostname to every address it currently maps to (A and AAAA). */
export type Resolver = (hostname: string) => Promise<string[]>;

export interface AssertPublicUrlOptions {
  /** Injected for tests; defaults to `dns.lookup(host, { all: true })` on the absolute name. */
  resolve?: Resolver;
  /** Allow `http:` as well as `https:`. Default false: lab endpoints must be https. */
  allowHttp?: boolean;
  /** Upper bound on name resolution, in ms. Default 5000. */
  resolveTimeoutMs?: number;
}

export interface PublicUrl {
  url: URL;
  /** Every address the hostname resolved to, all checked. Connect to one of these, never re-resolve. */
  addresses: string[];
}

export type UnsafeUrlReason =
  | 'invalid_url'
  | 'url_too_long'
  | 'scheme_not_allowed'
  | 'credentials_in_url'
  | 'invalid_port'
  | 'forbidden_hostname'
  | 'no_addresses'
  | 'forbidden_address';

/**
 * The URL must not be contacted. Not retryable. `message` and `publicMessage` never contain resolved
 * addresses (they would turn the check into an internal-DNS oracle); `address`/`category` are for logs only.
 */
export class UnsafeUrlError extends Error {
  override readonly name = 'UnsafeUrlError';
  /** Safe to show to the lab user. */
  readonly publicMessage = 'This URL is not allowed: it must be a public https:// endpoint.';

  constructor(
    readonly reason: UnsafeUrlReason,
    message: string,
    readonly address?: string,
    readonly category?: AddressCategory,
  ) {
    super(message);
  }
}

/** The hostname could not be resolved (NXDOMAIN, SERVFAIL, timeout). Transient from a delivery's point of view. */
export class UrlResolutionError extends Error {
  override readonly name = 'UrlResolutionError';
  constructor(
    message: string,
    readonly code?: string,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/** Decides whether one resolved address may be contacted. Production always uses {@link classifyAddress}. */
export type AddressPolicy = (address: string) => AddressCategory;

export const MAX_URL_LENGTH = 2048;
const DEFAULT_RESOLVE_TIMEOUT_MS = 5000;

/**
 * Names that are local by definition or by near-universal convention: refused before any DNS query.
 * The address check after resolution is the real control; this only gives an early, clearer refusal.
 */
const FORBIDDEN_SUFFIXES = ['localhost', 'localdomain', 'local', 'internal', 'home.arpa', 'lan', 'corp', 'home', 'test', 'invalid', 'example'];

function forbiddenHostname(hostname: string): boolean {
  const name = hostname.replace(/\.+$/, '').toLowerCase();
  // Single-label names ("redis", "metadata") are completed by resolver search domains into internal names.
  if (!name.includes('.')) return true;
  return FORBIDDEN_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

/** Default resolver. Resolves the absolute name (trailing dot) so resolv.conf search domains never apply. */
export const systemResolve: Resolver = async (hostname) => {
  const absolute = hostname.endsWith('.') ? hostname : `${hostname}.`;
  const records = await dns.promises.lookup(absolute, { all: true, verbatim: true });
  return records.map((r) => r.address);
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new UrlResolutionError(`DNS resolution timed out after ${ms} ms`, 'ETIMEOUT', true)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Removes the brackets the URL parser keeps around IPv6 literals. */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') && url.hostname.endsWith(']') ? url.hostname.slice(1, -1) : url.hostname;
}

/** Static checks that need no DNS. Throws {@link UnsafeUrlError}. */
function parseAndCheck(raw: string, allowHttp: boolean): URL {
  if (typeof raw !== 'string' || raw.length === 0) throw new UnsafeUrlError('invalid_url', 'URL is empty');
  if (raw.length > MAX_URL_LENGTH) throw new UnsafeUrlError('url_too_long', `URL is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('invalid_url', 'URL cannot be parsed');
  }
  if (!(url.protocol === 'https:' || (allowHttp && url.protocol === 'http:'))) {
    throw new UnsafeUrlError('scheme_not_allowed', `Scheme ${url.protocol} is not allowed (${allowHttp ? 'https or http' : 'https only'})`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UnsafeUrlError('credentials_in_url', 'URL must not contain credentials');
  }
  if (url.port === '0') throw new UnsafeUrlError('invalid_port', 'Port 0 is not a valid destination');
  if (bareHostname(url) === '') throw new UnsafeUrlError('invalid_url', 'URL has no host');
  return url;
}

/**
 * Full check with an explicit address policy. Internal: the exported {@link assertPublicUrl} always passes
 * the strict policy; only this library's tests pass another one (there is no public bypass flag).
 */
export async function checkUrl(raw: string, opts: AssertPublicUrlOptions, policy: AddressPolicy): Promise<PublicUrl> {
  const url = parseAndCheck(raw, opts.allowHttp ?? false);
  const host = bareHostname(url);

  let addresses: string[];
  if (isIP(host) !== 0) {
    // Literal IP. The WHATWG parser already normalised decimal/octal/hex/short IPv4 forms to dotted quads.
    addresses = [host];
  } else {
    if (forbiddenHostname(host)) {
      throw new UnsafeUrlError('forbidden_hostname', 'Hostname is local or not fully qualified');
    }
    const resolve = opts.resolve ?? systemResolve;
    try {
      addresses = await withTimeout(resolve(host), opts.resolveTimeoutMs ?? DEFAULT_RESOLVE_TIMEOUT_MS);
    } catch (e) {
      if (e instanceof UrlResolutionError) throw e;
      const code = (e as NodeJS.ErrnoException | undefined)?.code;
      throw new UrlResolutionError(`Could not resolve hostname${code ? ` (${code})` : ''}`, code);
    }
    if (!Array.isArray(addresses)) throw new UrlResolutionError('Resolver returned no address list');
  }

  const unique = [...new Set(addresses)];
  if (unique.length === 0) throw new UnsafeUrlError('no_addresses', 'Hostname has no addresses');
  // Refuse if ANY address is non-public: a mixed answer is the classic rebinding/split-horizon trick.
  for (const address of unique) {
    const category = typeof address === 'string' ? policy(address) : 'invalid';
    if (category !== 'public') {
      throw new UnsafeUrlError('forbidden_address', `URL resolves to a non-public address (${category})`, String(address), category);
    }
  }
  return { url, addresses: unique };
}

/**
 * Validates an outbound URL (webhook, import, model endpoint) and resolves it. Resolves to the parsed URL and
 * the checked addresses; the caller MUST connect to one of those addresses (see `pinnedLookup`) rather than
 * letting the HTTP client resolve the name again, or DNS rebinding defeats the check.
 *
 * @throws UnsafeUrlError  the URL is malformed, not https (unless `allowHttp`), has credentials, names a
 *                         local host, or ANY resolved address is loopback/private/link-local/reserved/…
 * @throws UrlResolutionError  the name could not be resolved (transient)
 */
export function assertPublicUrl(url: string, opts: AssertPublicUrlOptions = {}): Promise<PublicUrl> {
  return checkUrl(url, opts, classifyAddress);
}
