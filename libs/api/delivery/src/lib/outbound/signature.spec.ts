import * as crypto from 'node:crypto';
import { buildWebhookBody, signWebhook, verifyWebhookSignature, WEBHOOK_HEADERS, webhookHeaders } from './signature';

const SECRET = 'whsec_test';
const TS = 1_700_000_000;
const BODY = '{"a":1}';
// Independent vector: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
const VECTOR = 'v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789';

describe('signWebhook', () => {
  it('is v1=<hex HMAC-SHA256 of "<timestamp>.<body>">', () => {
    expect(signWebhook(SECRET, TS, BODY)).toBe(VECTOR);
  });

  it('signs the UTF-8 bytes of the body', () => {
    const body = '{"label":"café ☕ 🐈"}';
    const expected = crypto.createHmac('sha256', SECRET).update(Buffer.from(`${TS}.${body}`, 'utf8')).digest('hex');
    expect(signWebhook(SECRET, TS, body)).toBe(`v1=${expected}`);
  });

  it('rejects bad inputs', () => {
    expect(() => signWebhook('', TS, BODY)).toThrow(TypeError);
    expect(() => signWebhook(SECRET, 1.5, BODY)).toThrow(RangeError);
    expect(() => signWebhook(SECRET, -1, BODY)).toThrow(RangeError);
    expect(() => signWebhook(SECRET, TS, { a: 1 } as unknown as string)).toThrow(TypeError);
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts a valid signature within the tolerance (string or number timestamp)', () => {
    expect(verifyWebhookSignature(SECRET, VECTOR, String(TS), BODY, 300, TS)).toBe(true);
    expect(verifyWebhookSignature(SECRET, VECTOR, TS, BODY, 300, TS + 300)).toBe(true);
    expect(verifyWebhookSignature(SECRET, VECTOR, TS, BODY, 300, TS - 300)).toBe(true);
    expect(verifyWebhookSignature(SECRET, VECTOR.toUpperCase().replace('V1=', 'v1='), TS, BODY, 300, TS)).toBe(true);
  });

  it('rejects a stale or future timestamp (replay / skew window)', () => {
    expect(verifyWebhookSignature(SECRET, VECTOR, TS, BODY, 300, TS + 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, VECTOR, TS, BODY, 300, TS - 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, VECTOR, TS, BODY, 0, TS + 1)).toBe(false);
  });

  it('uses the 300 s default tolerance and the real clock by default', () => {
    const now = Math.floor(Date.now() / 1000);
    const header = signWebhook(SECRET, now, BODY);
    expect(verifyWebhookSignature(SECRET, header, now, BODY)).toBe(true);
    const old = signWebhook(SECRET, now - 3600, BODY);
    expect(verifyWebhookSignature(SECRET, old, now - 3600, BODY)).toBe(false);
  });

  it('rejects a wrong secret, a changed body, or a changed timestamp', () => {
    expect(verifyWebhookSignature('whsec_other', VECTOR, TS, BODY, 300, TS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, VECTOR, TS, '{"a":2}', 300, TS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, VECTOR, TS, `${BODY} `, 300, TS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, VECTOR, TS + 1, BODY, 300, TS)).toBe(false);
  });

  it('rejects malformed headers and timestamps', () => {
    for (const header of ['', 'v1=', 'v1=zz', `v0=${VECTOR.slice(3)}`, VECTOR.slice(3), `${VECTOR}00`, 'v1=' + '0'.repeat(64), null, undefined]) {
      expect(verifyWebhookSignature(SECRET, header, TS, BODY, 300, TS)).toBe(false);
    }
    for (const ts of ['', 'abc', '1700000000.5', '-1700000000', '1e9', null, undefined, Number.NaN]) {
      expect(verifyWebhookSignature(SECRET, VECTOR, ts, BODY, 300, TS)).toBe(false);
    }
    expect(verifyWebhookSignature('', VECTOR, TS, BODY, 300, TS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, VECTOR, TS, BODY, -1, TS)).toBe(false);
  });

  it('accepts any one of several v1 signatures (secret rotation) and ignores unknown schemes', () => {
    const other = signWebhook('whsec_old', TS, BODY);
    expect(verifyWebhookSignature(SECRET, `${other},${VECTOR}`, TS, BODY, 300, TS)).toBe(true);
    expect(verifyWebhookSignature(SECRET, `v2=abc, ${VECTOR}`, TS, BODY, 300, TS)).toBe(true);
    expect(verifyWebhookSignature(SECRET, other, TS, BODY, 300, TS)).toBe(false);
  });

  it('compares every candidate with crypto.timingSafeEqual on 32-byte buffers', () => {
    // Spy on the real module object (a namespace import would be an interop copy).
    const nodeCrypto = require('node:crypto') as typeof crypto;
    const spy = jest.spyOn(nodeCrypto, 'timingSafeEqual');
    try {
      const other = signWebhook('whsec_old', TS, BODY);
      expect(verifyWebhookSignature(SECRET, `${VECTOR},${other}`, TS, BODY, 300, TS)).toBe(true);
      // No early exit on the first match: both candidates are compared.
      expect(spy).toHaveBeenCalledTimes(2);
      for (const [a, b] of spy.mock.calls) {
        expect((a as Buffer).length).toBe(32);
        expect((b as Buffer).length).toBe(32);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

describe('webhookHeaders', () => {
  it('produces the Quorum-* headers, content type and a verifiable signature', () => {
    const headers = webhookHeaders({ secret: SECRET, event: 'job.completed', deliveryId: 'd0c2f6a4-0000-4000-8000-000000000001', body: BODY, timestamp: TS });
    expect(headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Quorum-Webhooks/1.0',
      'Quorum-Event': 'job.completed',
      'Quorum-Delivery': 'd0c2f6a4-0000-4000-8000-000000000001',
      'Quorum-Timestamp': String(TS),
      'Quorum-Signature': VECTOR,
    });
    expect(verifyWebhookSignature(SECRET, headers[WEBHOOK_HEADERS.signature], headers[WEBHOOK_HEADERS.timestamp], BODY, 300, TS)).toBe(true);
  });

  it('defaults the timestamp to now', () => {
    const before = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({ secret: SECRET, event: 'item.completed', deliveryId: 'd1', body: BODY });
    const ts = Number(headers['Quorum-Timestamp']);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(before + 2);
  });

  it('signs with every secret during rotation', () => {
    const headers = webhookHeaders({ secret: ['whsec_new', 'whsec_old'], event: 'conflict.opened', deliveryId: 'd2', body: BODY, timestamp: TS });
    expect(headers['Quorum-Signature'].split(',')).toHaveLength(2);
    expect(verifyWebhookSignature('whsec_new', headers['Quorum-Signature'], TS, BODY, 300, TS)).toBe(true);
    expect(verifyWebhookSignature('whsec_old', headers['Quorum-Signature'], TS, BODY, 300, TS)).toBe(true);
  });

  it('refuses unknown events and header-injection in the delivery id', () => {
    expect(() => webhookHeaders({ secret: SECRET, event: 'job.deleted' as never, deliveryId: 'd3', body: BODY })).toThrow(TypeError);
    expect(() => webhookHeaders({ secret: SECRET, event: 'job.completed', deliveryId: 'd3\r\nX-Evil: 1', body: BODY })).toThrow(TypeError);
    expect(() => webhookHeaders({ secret: SECRET, event: 'job.completed', deliveryId: '', body: BODY })).toThrow(TypeError);
    expect(() => webhookHeaders({ secret: [], event: 'job.completed', deliveryId: 'd3', body: BODY })).toThrow(RangeError);
    expect(() => webhookHeaders({ secret: '', event: 'job.completed', deliveryId: 'd3', body: BODY })).toThrow(TypeError);
  });
});

describe('buildWebhookBody', () => {
  it('wraps the payload so that id and event are covered by the signature', () => {
    const body = buildWebhookBody({ deliveryId: 'd4', event: 'job.completed', createdAt: new Date('2025-01-02T03:04:05Z'), data: { jobId: 'j1' } });
    expect(JSON.parse(body)).toEqual({ id: 'd4', event: 'job.completed', createdAt: '2025-01-02T03:04:05.000Z', data: { jobId: 'j1' } });
  });

  it('rejects invalid dates and non-serialisable payloads', () => {
    expect(() => buildWebhookBody({ deliveryId: 'd5', event: 'job.completed', createdAt: 'not a date', data: {} })).toThrow(RangeError);
    expect(() => buildWebhookBody({ deliveryId: 'd5', event: 'job.completed', createdAt: new Date(), data: { n: 1n } })).toThrow(TypeError);
  });
});
