import { AUDIT_GENESIS_HASH } from '@quorum/contracts';
import { auditHash } from './audit-chain';

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
