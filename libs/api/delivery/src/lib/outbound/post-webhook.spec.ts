import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { classifyAddress } from './ip';
import { createWebhookPoster, postWebhook, type WebhookDeliveryResult } from './post-webhook';
import { isRetryable } from './retry';
import { verifyWebhookSignature } from './signature';
import type { AddressPolicy } from './url-policy';

/**
 * Tests only: 127.0.0.1 stands in for "a public server". Every other address keeps the production
 * classification, so 127.0.0.2 (the "internal service" below) is still refused. The exported
 * `postWebhook` has no such seam.
 */
const TEST_PUBLIC = '127.0.0.1';
const TEST_INTERNAL = '127.0.0.2';
const testPolicy: AddressPolicy = (address) => (address === TEST_PUBLIC ? 'public' : classifyAddress(address));
const post = createWebhookPoster(testPolicy);

const SECRET = 'whsec_integration';
const HOST = 'hooks.example.com';

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** Two servers on the same port: the lab's endpoint (127.0.0.1) and an internal service (127.0.0.2). */
let port: number;
let endpoint: http.Server;
let internal: http.Server;
let handler: Handler;
let seen: Seen[];
let internalHits: number;

function listen(server: http.Server, host: string, p: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, host, () => resolve((server.address() as AddressInfo).port));
  });
}

beforeAll(async () => {
  endpoint = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  internal = http.createServer((_req, res) => {
    internalHits++;
    res.end('internal secrets');
  });
  port = await listen(endpoint, TEST_PUBLIC, 0);
  await listen(internal, TEST_INTERNAL, port);
});

afterAll(async () => {
  endpoint.closeAllConnections();
  internal.closeAllConnections();
  await Promise.all([new Promise((r) => endpoint.close(r)), new Promise((r) => internal.close(r))]);
});

beforeEach(() => {
  seen = [];
  internalHits = 0;
  handler = (_req, res) => res.end('ok');
});

afterEach(() => {
  endpoint.closeAllConnections();
});

const url = (path = '/hooks/quorum?lab=1'): string => `http://${HOST}:${port}${path}`;
const toEndpoint = async (): Promise<string[]> => [TEST_PUBLIC];
const opts = { allowHttp: true, resolve: toEndpoint };

describe('postWebhook against a local receiver', () => {
  it('POSTs the signed envelope with the Quorum-* headers to the pinned address', async () => {
    const result = await post({ url: url(), secret: SECRET }, 'job.completed', { jobId: 'j-1', items: 3 }, {
      ...opts,
      deliveryId: 'del-1',
      createdAt: new Date('2025-06-01T12:00:00Z'),
    });

    expect(result).toMatchObject({ ok: true, status: 200, responseSnippet: 'ok', deliveryId: 'del-1', address: TEST_PUBLIC });
    expect(result.error).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/hooks/quorum?lab=1');
    expect(req.headers.host).toBe(`${HOST}:${port}`);
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['user-agent']).toBe('Quorum-Webhooks/1.0');
    expect(req.headers['quorum-event']).toBe('job.completed');
    expect(req.headers['quorum-delivery']).toBe('del-1');
    expect(req.headers['quorum-timestamp']).toBe(String(result.timestamp));
    expect(Number(req.headers['content-length'])).toBe(Buffer.byteLength(req.body));
    // What a receiver does: verify the raw body against the headers.
    expect(verifyWebhookSignature(SECRET, req.headers['quorum-signature'] as string, req.headers['quorum-timestamp'] as string, req.body)).toBe(true);
    expect(JSON.parse(req.body)).toEqual({ id: 'del-1', event: 'job.completed', createdAt: '2025-06-01T12:00:00.000Z', data: { jobId: 'j-1', items: 3 } });
  });

  it('accepts the delivery-row form { id, event, createdAt } and signs non-ASCII bodies correctly', async () => {
    const result = await post({ url: url(), secret: SECRET }, { id: 'row-7', event: 'conflict.opened', createdAt: '2025-06-01T00:00:00Z' }, { note: 'Ünïcödé ☕' }, opts);
    expect(result.ok).toBe(true);
    const [req] = seen;
    expect(req.headers['quorum-delivery']).toBe('row-7');
    expect(JSON.parse(req.body)).toMatchObject({ id: 'row-7', event: 'conflict.opened', data: { note: 'Ünïcödé ☕' } });
    expect(verifyWebhookSignature(SECRET, req.headers['quorum-signature'] as string, req.headers['quorum-timestamp'] as string, req.body)).toBe(true);
  });

  it('generates a delivery id when none is given, and throws on programming errors', async () => {
    const result = await post({ url: url(), secret: SECRET }, 'item.completed', {}, opts);
    expect(result.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(post({ url: url(), secret: SECRET }, 'nope' as never, {}, opts)).rejects.toThrow(TypeError);
    await expect(post({ url: url(), secret: SECRET }, { id: 'a', event: 'job.completed' }, {}, { ...opts, deliveryId: 'b' })).rejects.toThrow(TypeError);
    await expect(post({ url: url(), secret: SECRET }, 'job.completed', { n: 1n }, opts)).rejects.toThrow(TypeError);
    await expect(post({ url: url(), secret: '' }, 'job.completed', {}, opts)).rejects.toThrow(TypeError);
    await expect(post({ url: url(), secret: SECRET }, 'job.completed', {}, { ...opts, timeoutMs: 0 })).rejects.toThrow(RangeError);
  });

  describe('never follows redirects', () => {
    it.each([301, 302, 303, 307, 308])('%i is a failure that records Location, and the target is not contacted', async (status) => {
      handler = (_req, res) => {
        res.writeHead(status, { Location: `http://${TEST_INTERNAL}:${port}/steal` });
        res.end('moved');
      };
      const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, opts);
      expect(result).toMatchObject({ ok: false, status, errorCode: 'redirect', location: `http://${TEST_INTERNAL}:${port}/steal` });
      expect(result.error).toContain('redirect not followed');
      expect(isRetryable(result)).toBe(false);
      expect(internalHits).toBe(0);
      expect(seen).toHaveLength(1);
    });
  });

  describe('times out', () => {
    it('when the receiver never answers', async () => {
      handler = () => undefined; // hold the request open
      const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, { ...opts, timeoutMs: 200 });
      expect(result).toMatchObject({ ok: false, status: null, errorCode: 'timeout' });
      expect(result.durationMs).toBeGreaterThanOrEqual(150);
      expect(result.durationMs).toBeLessThan(2000);
      expect(isRetryable(result)).toBe(true);
    });

    it('when the response body trickles forever (the status still decides)', async () => {
      handler = (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('accepted');
        const timer = setInterval(() => res.write('.'), 20);
        res.on('close', () => clearInterval(timer));
      };
      const started = Date.now();
      const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, { ...opts, timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.ok).toBe(true);
      expect(result.status).toBe(200);
      expect(result.responseSnippet.startsWith('accepted')).toBe(true);
    });

    it('when DNS never answers', async () => {
      const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, { ...opts, resolve: () => new Promise<string[]>(() => undefined), timeoutMs: 100 });
      expect(result).toMatchObject({ ok: false, status: null, errorCode: 'timeout' });
      expect(seen).toHaveLength(0);
    });
  });

  it('reads at most 4 KB of the response', async () => {
    handler = (_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('x'.repeat(1024 * 1024));
    };
    const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, opts);
    expect(result).toMatchObject({ ok: false, status: 500, errorCode: 'http_status' });
    expect(Buffer.byteLength(result.responseSnippet)).toBe(4096);
    expect(isRetryable(result)).toBe(true);
  });

  it('stores a log-safe snippet (no NUL or control characters)', async () => {
    handler = (_req, res) => res.end('a\u0000b\u001bc\nd');
    const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, opts);
    expect(result.responseSnippet).toBe('a\uFFFDb\uFFFDc\nd');
  });

  it.each([
    [404, false],
    [410, false],
    [408, true],
    [429, true],
    [503, true],
  ])('HTTP %i → ok false, retryable %s', async (status, retry) => {
    handler = (_req, res) => {
      res.statusCode = status;
      res.end('nope');
    };
    const result: WebhookDeliveryResult = await post({ url: url(), secret: SECRET }, 'job.completed', {}, opts);
    expect(result).toMatchObject({ ok: false, status, errorCode: 'http_status', responseSnippet: 'nope' });
    expect(isRetryable(result)).toBe(retry);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = http.createServer();
    const closedPort = await listen(closed, TEST_PUBLIC, 0);
    await new Promise((r) => closed.close(r));
    const result = await post({ url: `http://${HOST}:${closedPort}/`, secret: SECRET }, 'job.completed', {}, opts);
    expect(result).toMatchObject({ ok: false, status: null, errorCode: 'network' });
    expect(result.error).toContain('ECONNREFUSED');
    expect(isRetryable(result)).toBe(true);
  });

  it('reports DNS failure as retryable dns_failed', async () => {
    const resolve = async (): Promise<string[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, { ...opts, resolve });
    expect(result).toMatchObject({ ok: false, errorCode: 'dns_failed' });
    expect(isRetryable(result)).toBe(true);
  });
});

describe('SSRF: the exported postWebhook (production policy)', () => {
  it('refuses a name that resolves to loopback, without connecting', async () => {
    const result = await postWebhook({ url: url(), secret: SECRET }, 'job.completed', {}, opts);
    expect(result).toMatchObject({ ok: false, status: null, errorCode: 'unsafe_url' });
    expect(result.error).toContain('forbidden_address');
    expect(result.error).not.toContain('127.0.0.1');
    expect(isRetryable(result)).toBe(false);
    expect(seen).toHaveLength(0);
  });

  it.each([
    `http://127.0.0.1:PORT/`,
    `http://2130706433:PORT/`,
    `http://0x7f.1:PORT/`,
    `http://[::ffff:127.0.0.1]:PORT/`,
    `http://localhost:PORT/`,
    `http://169.254.169.254/latest/meta-data/`,
  ])('refuses %s', async (raw) => {
    const result = await postWebhook({ url: raw.replace('PORT', String(port)), secret: SECRET }, 'job.completed', {}, { allowHttp: true });
    expect(result.errorCode).toBe('unsafe_url');
    expect(seen).toHaveLength(0);
  });

  it('refuses http unless allowHttp', async () => {
    const result = await postWebhook({ url: 'http://hooks.example.com/', secret: SECRET }, 'job.completed', {}, { resolve: async () => ['93.184.216.34'] });
    expect(result).toMatchObject({ ok: false, errorCode: 'unsafe_url' });
    expect(result.error).toContain('scheme_not_allowed');
  });
});

describe('SSRF: DNS rebinding', () => {
  it('connects to the address that was checked, even if DNS would now answer differently', async () => {
    // First answer passes the check; every later answer points at the internal service.
    const resolve = jest.fn<Promise<string[]>, [string]>().mockResolvedValueOnce([TEST_PUBLIC]).mockResolvedValue([TEST_INTERNAL]);
    // The system resolver the HTTP client would use on its own has also been "rebound" to the internal service.
    const nodeDns = require('node:dns') as typeof import('node:dns');
    const systemLookup = jest.spyOn(nodeDns, 'lookup').mockImplementation(((_host: string, options: unknown, cb?: unknown) => {
      const callback = (typeof options === 'function' ? options : cb) as (...args: unknown[]) => void;
      const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
      process.nextTick(() => (all ? callback(null, [{ address: TEST_INTERNAL, family: 4 }]) : callback(null, TEST_INTERNAL, 4)));
    }) as never);
    try {
      const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, { allowHttp: true, resolve });
      expect(result).toMatchObject({ ok: true, status: 200, address: TEST_PUBLIC });
      expect(resolve).toHaveBeenCalledTimes(1);
      expect(systemLookup).not.toHaveBeenCalled(); // the HTTP client never resolved the name itself
      expect(seen).toHaveLength(1);
      expect(internalHits).toBe(0);
    } finally {
      systemLookup.mockRestore();
    }
  });

  it('refuses when the answer used for the check is the internal one', async () => {
    const resolve = jest.fn<Promise<string[]>, [string]>().mockResolvedValue([TEST_INTERNAL]);
    const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, { allowHttp: true, resolve });
    expect(result.errorCode).toBe('unsafe_url');
    expect(internalHits).toBe(0);
  });

  it('refuses a mixed answer (one public, one internal) instead of picking the good one', async () => {
    const result = await post({ url: url(), secret: SECRET }, 'job.completed', {}, { allowHttp: true, resolve: async () => [TEST_PUBLIC, TEST_INTERNAL] });
    expect(result.errorCode).toBe('unsafe_url');
    expect(seen).toHaveLength(0);
    expect(internalHits).toBe(0);
  });
});

// Needs openssl to mint a throwaway self-signed certificate; skipped where it is missing.
const hasOpenssl = ((): boolean => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

(hasOpenssl ? describe : describe.skip)('https', () => {
  let dir: string;
  let server: tls.Server;
  let tlsPort: number;
  let sniSeen: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-webhook-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', `/CN=${HOST}`], { stdio: 'ignore' });
    const key = readFileSync(join(dir, 'key.pem'));
    const cert = readFileSync(join(dir, 'cert.pem'));
    server = tls.createServer({
      key,
      cert,
      SNICallback: (servername, cb) => {
        sniSeen.push(servername);
        cb(null, tls.createSecureContext({ key, cert }));
      },
    });
    server.on('secureConnection', (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
    tlsPort = await new Promise<number>((resolve) => server.listen(0, TEST_PUBLIC, () => resolve((server.address() as AddressInfo).port)));
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    sniSeen = [];
  });

  it('sends the real hostname as SNI and refuses an untrusted certificate (verification stays on)', async () => {
    const result = await post({ url: `https://${HOST}:${tlsPort}/`, secret: SECRET }, 'job.completed', {}, { resolve: toEndpoint });
    expect(sniSeen).toEqual([HOST]);
    expect(result).toMatchObject({ ok: false, status: null, errorCode: 'network' });
    expect(result.error).toMatch(/SELF_SIGNED|self[- ]signed/i);
  });

  it('strips the trailing dot of an absolute hostname from SNI', async () => {
    await post({ url: `https://${HOST}.:${tlsPort}/`, secret: SECRET }, 'job.completed', {}, { resolve: toEndpoint });
    expect(sniSeen).toEqual([HOST]);
  });
});
