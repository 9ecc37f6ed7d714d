import type { LookupAddress, LookupOptions } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { bareHostname } from './url-policy';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `net`/`http`/`tls` that ignores DNS and answers with the addresses that were already
 * checked. It handles both call shapes Node uses (`all: true` for autoSelectFamily / happy eyeballs, and
 * the single-address form) and honours a requested family. This is what defeats DNS rebinding: the name
 * is never resolved a second time between the check and the connect.
 */
export function pinnedLookup(addresses: readonly string[]) {
  const entries: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) }));
  if (entries.length === 0 || entries.some((e) => e.family === 0)) {
    throw new TypeError('pinnedLookup needs at least one literal IP address');
  }
  return (_hostname: string, options: LookupOptions | number | undefined, callback: LookupCallback): void => {
    const opts: LookupOptions = typeof options === 'number' ? { family: options } : (options ?? {});
    const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : opts.family;
    const wanted = family === 4 || family === 6 ? entries.filter((e) => e.family === family) : entries;
    process.nextTick(() => {
      if (wanted.length === 0) {
        const err: NodeJS.ErrnoException = new Error(`no checked IPv${String(family)} address`);
        err.code = 'ENOTFOUND';
        callback(err, '', 0);
      } else if (opts.all) {
        callback(null, wanted.map((e) => ({ ...e })));
      } else {
        callback(null, wanted[0].address, wanted[0].family);
      }
    });
  };
}

export interface PinnedRequest {
  url: URL;
  /** Checked addresses for `url`'s host. The connection goes to one of these and nowhere else. */
  addresses: readonly string[];
  headers: Record<string, string>;
  body: Buffer;
  /** Overall budget for connect + TLS + request + response headers + capped body read. */
  timeoutMs: number;
  maxResponseBytes: number;
}

export interface PinnedResponse {
  status: number;
  location?: string;
  /** The peer the socket is connected to (one of the pinned addresses). */
  remoteAddress?: string;
  body: Buffer;
  /** False when the read stopped early: the cap was reached, time ran out, or the stream broke. */
  complete: boolean;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * One POST to a pre-checked address. Never follows redirects (the caller sees the 3xx and its Location).
 * It does no policy checks itself: it is only called with addresses that passed `checkUrl`.
 */
export function sendPinned(req: PinnedRequest): Promise<PinnedResponse> {
  const isHttps = req.url.protocol === 'https:';
  const hostname = bareHostname(req.url);
  const options: https.RequestOptions = {
    method: 'POST',
    hostname,
    port: req.url.port === '' ? (isHttps ? 443 : 80) : Number(req.url.port),
    path: `${req.url.pathname}${req.url.search}`,
    // url.host keeps IPv6 brackets and drops the scheme's default port: the right Host header.
    headers: { ...req.headers, Host: req.url.host, 'Content-Length': String(req.body.length) },
    // No pooling: a pooled socket could outlive this request's pinning decision.
    agent: false,
    lookup: pinnedLookup(req.addresses),
    maxHeaderSize: 16 * 1024,
    timeout: req.timeoutMs,
  };
  // SNI and certificate verification use the real name (never an IP); rejectUnauthorized stays at its default, true.
  // RFC 6066: SNI carries no trailing dot (checkServerIdentity ignores it too).
  if (isHttps && isIP(hostname) === 0) options.servername = hostname.replace(/\.$/, '');

  return new Promise<PinnedResponse>((resolve, reject) => {
    let settled = false;
    let response: { status: number; location?: string; remoteAddress?: string; chunks: Buffer[]; size: number } | undefined;

    const finish = (complete: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (response) {
        const { status, location, remoteAddress } = response;
        resolve({ status, location, remoteAddress, body: Buffer.concat(response.chunks, response.size), complete });
      }
      request.destroy();
    };
    const fail = (error: TransportError): void => {
      // Once the status line is in, the status decides the outcome; a broken body only ends the read.
      if (response) return finish(false);
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      reject(error);
    };

    const deadline = setTimeout(() => fail(new TransportError('timeout', `no response within ${req.timeoutMs} ms`)), req.timeoutMs);

    const request = (isHttps ? https : http).request(options, (res) => {
      const location = res.headers.location;
      response = {
        status: res.statusCode ?? 0,
        location: typeof location === 'string' ? location : undefined,
        remoteAddress: res.socket?.remoteAddress,
        chunks: [],
        size: 0,
      };
      const current = response;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = req.maxResponseBytes - current.size;
        if (chunk.length >= room) {
          current.chunks.push(chunk.subarray(0, room));
          current.size += room;
          res.destroy();
          finish(false);
          return;
        }
        current.chunks.push(chunk);
        current.size += chunk.length;
      });
      res.on('end', () => finish(true));
      res.on('error', () => finish(false));
      res.on('close', () => finish(false)); // no-op after 'end'
    });
    request.on('timeout', () => fail(new TransportError('timeout', `socket idle for ${req.timeoutMs} ms`)));
    request.on('error', (err: NodeJS.ErrnoException) => fail(new TransportError('network', err.message, err.code)));
    request.end(req.body);
  });
}
