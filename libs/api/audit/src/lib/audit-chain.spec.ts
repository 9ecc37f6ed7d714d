import { AUDIT_GENESIS_HASH } from '@quorum/contracts';
import { auditHash, ChainedEvent, ChainVerifier, checkpointKeyId, checkpointSignatureValid, signCheckpoint } from './audit-chain';

const event = (over: Partial<Parameters<typeof auditHash>[1]> = {}) => ({
  seq: 1,
  at: new Date('2026-11-28T10:00:00.123Z'),
  actor: { userId: 'u1', orgId: 'o1', roles: ['platform_admin'] },
  type: 'interest.recorded',
  subject: 'interest:1',
  data: { share: { exact: 49 }, type: 'shareholding' },
  ...over,
});

describe('auditHash', () => {
  it('is a stable sha-256 that does not depend on key order', () => {
    const a = auditHash(AUDIT_GENESIS_HASH, event());
    const b = auditHash(AUDIT_GENESIS_HASH, event({ data: { type: 'shareholding', share: { exact: 49 } } }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
  });

  it('changes when any field or the previous hash changes', () => {
    const base = auditHash(AUDIT_GENESIS_HASH, event());
    expect(auditHash('f'.repeat(64), event())).not.toBe(base);
    expect(auditHash(AUDIT_GENESIS_HASH, event({ data: { share: { exact: 48 }, type: 'shareholding' } }))).not.toBe(base);
    expect(auditHash(AUDIT_GENESIS_HASH, event({ seq: 2 }))).not.toBe(base);
    expect(auditHash(AUDIT_GENESIS_HASH, event({ at: new Date('2026-11-28T10:00:00.124Z') }))).not.toBe(base);
  });
});

/** A deterministic generator, so a failing forged chain can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildChain(length: number, from = { seq: 0, hash: AUDIT_GENESIS_HASH }): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash = from.hash;
  for (let i = 1; i <= length; i++) {
    const fields = event({ seq: from.seq + i, subject: `interest:${from.seq + i}`, data: { n: from.seq + i } });
    const hash = auditHash(prevHash, fields);
    events.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

/** Recomputes every link from `start` on, as a forger with write access would. */
function relink(events: ChainedEvent[], start: number): ChainedEvent[] {
  const out = events.map((e) => ({ ...e }));
  for (let i = start; i < out.length; i++) {
    out[i].prevHash = i === 0 ? AUDIT_GENESIS_HASH : out[i - 1].hash;
    out[i].hash = auditHash(out[i].prevHash, out[i]);
  }
  return out;
}

const verify = (events: ChainedEvent[], batch = 7): ChainVerifier => {
  const verifier = new ChainVerifier(AUDIT_GENESIS_HASH, 1);
  for (let i = 0; i < events.length; i += batch) if (verifier.feed(events.slice(i, i + batch)) !== null) break;
  return verifier;
};

describe('ChainVerifier', () => {
  it('accepts an intact chain fed in batches and reports its head', () => {
    const chain = buildChain(50);
    const verifier = verify(chain);
    expect(verifier.firstInvalidSeq).toBeNull();
    expect(verifier.headSeq).toBe(50);
    expect(verifier.headHash).toBe(chain[49].hash);
  });

  it('continues from a checkpointed head', () => {
    const chain = buildChain(30);
    const verifier = new ChainVerifier(chain[19].hash, 21);
    expect(verifier.feed(chain.slice(20))).toBeNull();
    expect(verifier.headSeq).toBe(30);
  });

  it('names the first bad event of every kind of forgery (200 random trials)', () => {
    const random = prng(20261128);
    const kinds = ['edit', 'delete', 'swap', 'relink-middle', 'insert', 'duplicate', 'edit-hash'] as const;
    for (let trial = 0; trial < 200; trial++) {
      const n = 5 + Math.floor(random() * 40);
      const chain = buildChain(n);
      const k = 1 + Math.floor(random() * (n - 2)); // seq of the event the forgery starts at (1..n-2)
      const i = k - 1;
      const kind = kinds[trial % kinds.length];
      let forged: ChainedEvent[];
      switch (kind) {
        case 'edit':
          forged = chain.map((e, j) => (j === i ? { ...e, data: { n: -1 } } : e));
          break;
        case 'delete':
          forged = chain.filter((_, j) => j !== i);
          break;
        case 'swap':
          forged = chain.map((e, j) => (j === i ? { ...chain[i + 1], seq: k } : j === i + 1 ? { ...chain[i], seq: k + 1 } : e));
          break;
        case 'relink-middle': {
          // The event's own hash recomputed over a wrong link: caught at the link.
          const bad = { ...chain[i], prevHash: 'e'.repeat(64) };
          forged = chain.map((e, j) => (j === i ? { ...bad, hash: auditHash(bad.prevHash, bad) } : e));
          break;
        }
        case 'insert': {
          const extra = { ...chain[i], subject: 'interest:forged' };
          forged = [...chain.slice(0, i), { ...extra, hash: auditHash(extra.prevHash, extra) }, ...chain.slice(i)];
          break;
        }
        case 'duplicate':
          forged = [...chain.slice(0, i + 1), chain[i], ...chain.slice(i + 1)];
          break;
        case 'edit-hash':
          forged = chain.map((e, j) => (j === i ? { ...e, hash: 'a'.repeat(64) } : e));
          break;
      }
      const verifier = verify(forged, 1 + Math.floor(random() * 10));
      // An inserted event that links correctly passes as event k; the original k after it cannot. Likewise a duplicate.
      const expected = kind === 'duplicate' || kind === 'insert' ? k + 1 : k;
      expect({ trial, kind, firstInvalidSeq: verifier.firstInvalidSeq }).toEqual({ trial, kind, firstInvalidSeq: expected });
    }
  });

  it('cannot see a forger who relinks everything after an edit, or drops the newest events; a signed checkpoint can', () => {
    const key = 'k'.repeat(40);
    const chain = buildChain(20);
    const kept = { seq: 20, headHash: chain[19].hash, at: '2026-11-28T10:00:00.000Z' };
    const signature = signCheckpoint(key, kept);

    const rewritten = relink(chain.map((e, j) => (j === 9 ? { ...e, data: { n: 'rewritten' } } : e)), 9);
    const rewrittenWalk = verify(rewritten);
    expect(rewrittenWalk.firstInvalidSeq).toBeNull();
    expect(rewrittenWalk.headHash).not.toBe(kept.headHash);

    const truncated = verify(chain.slice(0, 17));
    expect(truncated.firstInvalidSeq).toBeNull();
    expect(truncated.headSeq).toBeLessThan(kept.seq);

    expect(checkpointSignatureValid(key, kept, signature)).toBe(true);
  });
});

describe('checkpoint signatures', () => {
  const key = 'a-real-key-of-at-least-32-characters!!';
  const body = { seq: 42, headHash: 'b'.repeat(64), at: '2026-11-28T10:00:00.000Z' };

  it('verify only for the same key and the same seq, head and time', () => {
    const signature = signCheckpoint(key, body);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(checkpointSignatureValid(key, body, signature)).toBe(true);
    expect(checkpointSignatureValid(`${key}x`, body, signature)).toBe(false);
    expect(checkpointSignatureValid(key, { ...body, seq: 43 }, signature)).toBe(false);
    expect(checkpointSignatureValid(key, { ...body, headHash: 'c'.repeat(64) }, signature)).toBe(false);
    expect(checkpointSignatureValid(key, { ...body, at: '2026-11-28T10:00:00.001Z' }, signature)).toBe(false);
  });

  it('reject malformed signatures without throwing', () => {
    for (const bad of ['', 'zz', 'A'.repeat(64), signCheckpoint(key, body).slice(0, 63), `${signCheckpoint(key, body)}00`]) {
      expect(checkpointSignatureValid(key, body, bad)).toBe(false);
    }
  });

  it('name the key without revealing it', () => {
    expect(checkpointKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(checkpointKeyId(key)).not.toBe(checkpointKeyId(`${key}2`));
  });
});
